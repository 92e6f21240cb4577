package io.healthid.idp.pages;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.web.reactive.function.server.RenderingResponse;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The pages people see: one readable page per situation, in French by default and English when the browser prefers
 * it, never cached, never framed, every value escaped by Thymeleaf.
 */
public final class Pages {

    private Pages() {
    }

    /** A page that explains what happened and what to do; {@code code} is shown for support calls. */
    public static Mono<ServerResponse> problem(HttpStatusCode status, Locale locale, String title, String message,
            String code, Map<String, Object> extra) {
        return problem(status, locale, title, message, code, extra, null);
    }

    public static Mono<ServerResponse> problem(HttpStatusCode status, Locale locale, String title, String message,
            String code, Map<String, Object> extra, ResponseCookie cookie) {
        Map<String, Object> model = new LinkedHashMap<>(extra);
        model.put("lang", language(locale));
        model.put("title", title);
        model.put("message", message);
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
        Map<String, Object> withLang = new LinkedHashMap<>(model);
        withLang.putIfAbsent("lang", "fr");
        RenderingResponse.Builder response = RenderingResponse.create(template)
            .status(status)
            .header(HttpHeaders.CONTENT_TYPE, new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8).toString())
            .header(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue())
            .header("X-Frame-Options", "DENY")
            .header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
            .modelAttributes(withLang);
        if (cookie != null) {
            response.cookie(cookie);
        }
        return response.build().cast(ServerResponse.class);
    }

    public static String language(Locale locale) {
        return "en".equals(locale.getLanguage()) ? "en" : "fr";
    }

    /** The person's language from Accept-Language: English if preferred, French otherwise. */
    public static Locale localeOf(ServerRequest request) {
        return request.headers().acceptLanguage().stream()
            .findFirst()
            .map(range -> range.getRange().toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : Locale.FRENCH)
            .orElse(Locale.FRENCH);
    }
}
