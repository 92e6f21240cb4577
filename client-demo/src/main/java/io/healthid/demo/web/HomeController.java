package io.healthid.demo.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
public class HomeController {

    /** The error of a refused login, as the identity provider or Spring named it (letters and underscores only). */
    @GetMapping("/")
    String home(@RequestParam(name = "error", required = false) String error, Model model) {
        if (error != null && error.matches("[a-z_]{1,64}")) {
            model.addAttribute("loginError", error);
        }
        return "index";
    }
}
