package io.healthid.demo.outbox;

import io.healthid.demo.settings.DemoProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** The outbox page: the e-mails and SMS the identity provider sent, with the activation code of each picked out. */
@Controller
public class OutboxController {

    /** The page follows new messages by itself while it is open. */
    static final int REFRESH_SECONDS = 5;

    private final Outbox outbox;
    private final String smsUrl;

    public OutboxController(Outbox outbox, DemoProperties demo) {
        this.outbox = outbox;
        this.smsUrl = demo.baseUrl() + SmsGatewayEndpoint.PATH;
    }

    @GetMapping("/outbox")
    String page(Model model) {
        model.addAttribute("messages", this.outbox.messages());
        // as text: a number argument would be formatted with the locale's digit grouping
        model.addAttribute("smtpPort", String.valueOf(this.outbox.smtpPort()));
        model.addAttribute("smsUrl", this.smsUrl);
        model.addAttribute("refreshSeconds", REFRESH_SECONDS);
        return "outbox";
    }

    @PostMapping("/outbox/clear")
    String clear() {
        this.outbox.clear();
        return "redirect:/outbox";
    }
}
