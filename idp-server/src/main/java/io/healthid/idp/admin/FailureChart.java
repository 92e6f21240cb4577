package io.healthid.idp.admin;

import io.healthid.idp.audit.AuditQueries.HourlyFailures;
import io.healthid.idp.model.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.util.HtmlUtils;

/**
 * Failures per hour as stacked bars, one colour per reason code, drawn as SVG on the server: the page needs no script
 * and no chart library, and the image is there in a screenshot or a printout.
 */
final class FailureChart {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 260;
    private static final int LEFT = 40;
    private static final int BOTTOM = 24;
    private static final int TOP = 10;
    private static final String[] PALETTE = {"#c0392b", "#2e86c1", "#d68910", "#7d3c98", "#17a589", "#566573",
        "#e74c3c", "#1abc9c", "#f1c40f", "#8e44ad", "#34495e", "#e67e22"};
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH'h'", Locale.FRANCE);

    private FailureChart() {
    }

    static String svg(List<HourlyFailures> failures, Instant now, Duration window, ZoneId zone) {
        int hours = (int) window.toHours();
        Instant firstHour = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(hours - 1L));
        Map<Instant, Map<ReasonCode, Long>> byHour = new TreeMap<>();
        Map<ReasonCode, String> colours = new EnumMap<>(ReasonCode.class);
        for (HourlyFailures row : failures) {
            byHour.computeIfAbsent(row.hour(), hour -> new EnumMap<>(ReasonCode.class)).merge(row.reason(), row.count(),
                    Long::sum);
            colours.computeIfAbsent(row.reason(), reason -> PALETTE[colours.size() % PALETTE.length]);
        }
        long max = Math.max(1, byHour.values().stream()
            .mapToLong(counts -> counts.values().stream().mapToLong(Long::longValue).sum()).max().orElse(1));
        double slot = (double) (WIDTH - LEFT) / hours;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
            .append(WIDTH).append(' ').append(HEIGHT + 22 * ((colours.size() + 3) / 4)).append("\">");
        svg.append("<title>Échecs par heure et par code</title>");
        svg.append(line(LEFT, TOP, LEFT, HEIGHT - BOTTOM)).append(line(LEFT, HEIGHT - BOTTOM, WIDTH, HEIGHT - BOTTOM));
        svg.append(text(4, TOP + 10, Long.toString(max))).append(text(4, HEIGHT - BOTTOM, "0"));
        for (int i = 0; i < hours; i++) {
            Instant hour = firstHour.plus(Duration.ofHours(i));
            double x = LEFT + i * slot + 2;
            double y = HEIGHT - BOTTOM;
            for (Map.Entry<ReasonCode, Long> count : byHour.getOrDefault(hour, Map.of()).entrySet()) {
                double height = plotHeight * count.getValue() / max;
                y -= height;
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s : %d</title></rect>",
                        x, y, slot - 4, height, colours.get(count.getKey()), HOUR.format(hour.atZone(zone)),
                        count.getKey().name(), count.getValue()));
            }
            if (i % 3 == 0) {
                svg.append(text(x, HEIGHT - 6, HOUR.format(hour.atZone(zone))));
            }
        }
        int entry = 0;
        for (Map.Entry<ReasonCode, String> colour : colours.entrySet()) {
            int x = LEFT + (entry % 4) * 230;
            int y = HEIGHT + 8 + (entry / 4) * 22;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>", x, y,
                    colour.getValue()));
            svg.append(text(x + 18, y + 11, colour.getKey().name()));
            entry++;
        }
        return svg.append("</svg>").toString();
    }

    private static String line(int x1, int y1, int x2, int y2) {
        return String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>", x1, y1, x2, y2);
    }

    private static String text(double x, double y, String value) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#333\">%s</text>", x, y,
                HtmlUtils.htmlEscape(value));
    }
}
