package io.healthid.demo.web;

import io.healthid.demo.trace.LoginTrace;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.WebSession;

/** The exact requests and responses of the last login and the last refresh, secrets and most of each token masked. */
@Controller
public class TraceController {

    @GetMapping("/trace")
    String trace(WebSession session, Model model) {
        model.addAttribute("login", session.getAttribute(LoginTrace.SESSION_ATTRIBUTE));
        model.addAttribute("refresh", session.getAttribute(TokensController.REFRESH_TRACE));
        return "trace";
    }
}
