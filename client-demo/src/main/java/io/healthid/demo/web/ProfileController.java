package io.healthid.demo.web;

import io.healthid.demo.context.ContextChooser;
import io.healthid.demo.context.WorkingContext;
import io.healthid.demo.psc.PscProfile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Who is signed in and how, every profession and site PSC returned, and the working context chooser. */
@Controller
public class ProfileController {

    private final ContextChooser chooser = new ContextChooser();
    private final JsonMapper json;

    public ProfileController(JsonMapper json) {
        this.json = json;
    }

    @GetMapping("/profile")
    Mono<String> profile(@RequestParam(name = "context", required = false) String contextStatus, WebSession session,
            Model model) {
        SignedIn signedIn = session.getAttribute(SignedIn.SESSION_ATTRIBUTE);
        if (signedIn == null) {
            return Mono.just("redirect:/");
        }
        Map<String, Object> idToken = JwtView.decode(signedIn.idToken(), this.json).claims();
        model.addAttribute("idToken", idToken);
        model.addAttribute("authTime", epochSeconds(idToken.get("auth_time")));
        model.addAttribute("amr", idToken.get("amr") instanceof List<?> amr ? amr : List.of());
        model.addAttribute("hasEmail", signedIn.userInfo().get("email") != null);
        model.addAttribute("profile", PscProfile.fromUserInfo(signedIn.userInfo()));
        if ("saved".equals(contextStatus) || "invalid".equals(contextStatus)) {
            model.addAttribute("contextStatus", contextStatus);
        }
        return Mono.just("profile");
    }

    /** One radio button per (exercice, site): {@code context=<exercice key>|<activity key>}. */
    @PostMapping("/context")
    Mono<String> choose(ServerWebExchange exchange) {
        return exchange.getFormData().zipWith(exchange.getSession()).map(loaded -> {
            MultiValueMap<String, String> form = loaded.getT1();
            WebSession session = loaded.getT2();
            SignedIn signedIn = session.getAttribute(SignedIn.SESSION_ATTRIBUTE);
            String chosen = Optional.ofNullable(form.getFirst("context")).orElse("");
            int bar = chosen.indexOf('|');
            Optional<WorkingContext> context = signedIn == null || bar < 0 ? Optional.empty()
                    : this.chooser.choose(PscProfile.fromUserInfo(signedIn.userInfo()), chosen.substring(0, bar),
                            chosen.substring(bar + 1));
            if (context.isEmpty()) {
                return "redirect:/profile?context=invalid";
            }
            session.getAttributes().put(WorkingContext.SESSION_ATTRIBUTE, context.get());
            return "redirect:/profile?context=saved";
        });
    }

    private static Instant epochSeconds(Object value) {
        if (value instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        return null;
    }
}
