package io.healthid.demo.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.i18n.LocaleContextResolver;

/** French unless the person chose English: {@code ?lang=en} or {@code ?lang=fr} switches and is remembered in a cookie. */
public class LanguageResolver implements LocaleContextResolver {

    public static final String PARAMETER = "lang";
    static final String COOKIE = "demo-lang";
    private static final Set<String> LANGUAGES = Set.of("fr", "en");

    @Override
    public LocaleContext resolveLocaleContext(ServerWebExchange exchange) {
        String asked = exchange.getRequest().getQueryParams().getFirst(PARAMETER);
        if (asked != null && LANGUAGES.contains(asked)) {
            exchange.getResponse().addCookie(ResponseCookie.from(COOKIE, asked).path("/").maxAge(Duration.ofDays(365))
                .sameSite("Lax").httpOnly(true).build());
            return new SimpleLocaleContext(Locale.forLanguageTag(asked));
        }
        HttpCookie remembered = exchange.getRequest().getCookies().getFirst(COOKIE);
        if (remembered != null && LANGUAGES.contains(remembered.getValue())) {
            return new SimpleLocaleContext(Locale.forLanguageTag(remembered.getValue()));
        }
        return new SimpleLocaleContext(Locale.FRENCH);
    }

    @Override
    public void setLocaleContext(ServerWebExchange exchange, LocaleContext localeContext) {
        throw new UnsupportedOperationException("the language changes with the lang parameter");
    }
}
