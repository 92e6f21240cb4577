package io.healthid.idp.pages;

import java.util.List;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.i18n.LocaleContextResolver;

/**
 * The person's language: English when {@code Accept-Language} prefers it to French, French otherwise (the product's
 * first language). The header is read leniently: a malformed range or weight is skipped, never an error, since it
 * only picks a language.
 */
public final class PageLocaleResolver implements LocaleContextResolver {

    /** The languages pages are written in, the default first. */
    public static final List<Locale> SUPPORTED = List.of(Locale.FRENCH, Locale.ENGLISH);

    @Override
    public LocaleContext resolveLocaleContext(ServerWebExchange exchange) {
        return new SimpleLocaleContext(resolve(exchange.getRequest().getHeaders().getFirst("Accept-Language")));
    }

    @Override
    public void setLocaleContext(ServerWebExchange exchange, LocaleContext localeContext) {
        throw new UnsupportedOperationException("the language follows Accept-Language");
    }

    /** The supported language with the highest weight (RFC 9110 12.5.4); French on a tie or when none is named. */
    static Locale resolve(String acceptLanguage) {
        if (acceptLanguage == null) {
            return SUPPORTED.get(0);
        }
        Locale best = SUPPORTED.get(0);
        double bestWeight = 0;
        for (String range : acceptLanguage.split(",", 32)) {
            String[] parts = range.trim().split(";", -1);
            String tag = parts[0].trim().toLowerCase(Locale.ROOT);
            double weight = parts.length > 1 ? weight(parts[1]) : 1;
            for (Locale supported : SUPPORTED) {
                boolean names = tag.equals(supported.getLanguage()) || tag.startsWith(supported.getLanguage() + "-");
                if (names && weight > bestWeight) {
                    best = supported;
                    bestWeight = weight;
                }
            }
        }
        return best;
    }

    private static double weight(String parameter) {
        String[] pair = parameter.trim().split("=", 2);
        if (pair.length != 2 || !pair[0].trim().equalsIgnoreCase("q")) {
            return 0;
        }
        try {
            double weight = Double.parseDouble(pair[1].trim());
            return weight >= 0 && weight <= 1 ? weight : 0;
        }
        catch (NumberFormatException ex) {
            return 0;
        }
    }
}
