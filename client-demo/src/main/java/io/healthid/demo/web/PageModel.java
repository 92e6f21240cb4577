package io.healthid.demo.web;

import io.healthid.demo.context.WorkingContext;
import io.healthid.demo.nomenclature.Nomenclature;
import io.healthid.demo.nomenclature.Nomenclatures;
import io.healthid.demo.phone.PhoneProperties;
import io.healthid.demo.psc.PscProfile;
import io.healthid.demo.settings.DemoProperties;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.web.reactive.result.view.CsrfRequestDataValueProcessor;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What every page shows: the CSRF token for its forms, who is signed in, the working context in the header, and where
 * the relying party and the phone simulator are.
 */
@ControllerAdvice
public class PageModel {

    private final Nomenclatures nomenclatures;
    private final String demoUrl;
    private final String phoneUrl;

    public PageModel(Nomenclatures nomenclatures, DemoProperties demo, PhoneProperties phone) {
        this.nomenclatures = nomenclatures;
        this.demoUrl = demo.baseUrl();
        this.phoneUrl = phone.baseUrl();
    }

    @ModelAttribute
    Mono<Void> common(ServerWebExchange exchange, Model model) {
        model.addAttribute("currentPath", exchange.getRequest().getPath().value());
        model.addAttribute("labels", this.nomenclatures);
        // the relying party and the phone are on two host names: the phone shares no cookie with the relying party
        model.addAttribute("demoUrl", this.demoUrl);
        model.addAttribute("phoneUrl", this.phoneUrl);
        Mono<CsrfToken> csrf = exchange.getAttribute(CsrfToken.class.getName());
        Mono<Void> token = csrf == null ? Mono.empty() : csrf
            .doOnNext(value -> exchange.getAttributes().put(CsrfRequestDataValueProcessor.DEFAULT_CSRF_ATTR_NAME, value))
            .then();
        return token.then(exchange.getSession().doOnNext(session -> {
            SignedIn signedIn = session.getAttribute(SignedIn.SESSION_ATTRIBUTE);
            if (signedIn == null) {
                return;
            }
            model.addAttribute("signedIn", signedIn);
            model.addAttribute("personName", personName(signedIn.userInfo()));
            PscProfile profile = PscProfile.fromUserInfo(signedIn.userInfo());
            WorkingContext context = session.getAttribute(WorkingContext.SESSION_ATTRIBUTE);
            model.addAttribute("workingContext", context);
            contextLabel(profile, context).ifPresent(label -> model.addAttribute("contextLabel", label));
        }).then());
    }

    private static String personName(Map<String, Object> userInfo) {
        return (String.valueOf(userInfo.getOrDefault("given_name", "")) + " "
                + String.valueOf(userInfo.getOrDefault("family_name", ""))).trim();
    }

    /** e.g. {@code Médecin (10C) · CABINET DU DR MARTIN}. */
    private Optional<String> contextLabel(PscProfile profile, WorkingContext context) {
        if (context == null) {
            return Optional.empty();
        }
        return profile.exercices().stream().filter(exercice -> exercice.key().equals(context.exerciceKey())).findFirst()
            .map(exercice -> {
                String profession = this.nomenclatures.label(Nomenclature.PROFESSION, exercice.profession())
                    .orElse(exercice.profession()) + " (" + exercice.key() + ")";
                return exercice.activities().stream().filter(activity -> activity.key().equals(context.activityKey()))
                    .findFirst().map(activity -> profession + " · " + activity.name()).orElse(profession);
            });
    }
}
