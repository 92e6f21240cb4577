package io.healthid.idp.pages;

import io.healthid.idp.observability.CorrelationId;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.web.reactive.function.server.RenderingResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The pages people see: one readable page per situation, in the request's language ({@link PageLocaleResolver}),
 * never cached, never framed, every value escaped by Thymeleaf. Texts are named by their keys in
 * {@code messages_fr} / {@code messages_en}; the templates look them up.
 */
public final class Pages {

    /** A problem page's model flag: its message names the service, {@code idp.display-name} as {@code {0}}. */
    public static final String NAMES_SERVICE = "namesService";

    private Pages() {
    }

    /**
     * A page that explains what happened and what to do.
     *
     * @param titleKey the message key of the title
     * @param messageKey the message key of what to do
     * @param code shown for support calls (a reason code or an OAuth error), or {@code null}
     */
    public static Mono<ServerResponse> problem(HttpStatusCode status, String titleKey, String messageKey, String code,
            Map<String, Object> extra) {
        return problem(status, titleKey, messageKey, code, extra, null);
    }

    public static Mono<ServerResponse> problem(HttpStatusCode status, String titleKey, String messageKey, String code,
            Map<String, Object> extra, ResponseCookie cookie) {
        Map<String, Object> model = new LinkedHashMap<>(extra);
        model.put("titleKey", titleKey);
        model.put("messageKey", messageKey);
        if (code != null) {
            model.put("code", code);
        }
        return render(status, "problem", model, cookie);
    }

    public static Mono<ServerResponse> render(HttpStatusCode status, String template, Map<String, Object> model) {
        return render(status, template, model, null);
    }

    private static Mono<ServerResponse> render(HttpStatusCode status, String template, Map<String, Object> model,
            ResponseCookie cookie) {
        // every page shows the request's correlation id next to its code, for the person to read out to support
        return Mono.deferContextual(context -> {
            Map<String, Object> withId = new LinkedHashMap<>(model);
            CorrelationId.of(context).ifPresent(id -> withId.put("correlationId", id));
            return build(status, template, withId, cookie);
        });
    }

    private static Mono<ServerResponse> build(HttpStatusCode status, String template, Map<String, Object> model,
            ResponseCookie cookie) {
        RenderingResponse.Builder response = RenderingResponse.create(template)
            .status(status)
            .header(HttpHeaders.CONTENT_TYPE, new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8).toString())
            .header(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue())
            .header("X-Frame-Options", "DENY")
            .header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
            .modelAttributes(model);
        if (cookie != null) {
            response.cookie(cookie);
        }
        return response.build().cast(ServerResponse.class);
    }
}
