package io.healthid.demo.phone;

import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The phone simulator's pages: activate a phone, its screen (pushes, the three numbers, approve or deny) and its
 * settings. It plays the e-CPS app through the device API alone.
 */
@Controller
public class PhoneController {

    static final int REFRESH_SECONDS = 2;

    private final Phones phones;
    private final PhoneActivation activation;
    private final NotificationReader reader;
    private final PhoneAnswers answers;
    private final PhoneProperties properties;

    public PhoneController(Phones phones, PhoneActivation activation, NotificationReader reader, PhoneAnswers answers,
            PhoneProperties properties) {
        this.phones = phones;
        this.activation = activation;
        this.reader = reader;
        this.answers = answers;
        this.properties = properties;
    }

    @GetMapping("/phone")
    String list(Model model) {
        return phonesPage(model, DeviceDescription.RECENT_ANDROID);
    }

    /** Step 1 of an activation by correspondence data: the identity provider sends the two codes. */
    @PostMapping("/phone/activations")
    Mono<String> start(ServerWebExchange exchange, Model model) {
        return exchange.getFormData().flatMap(form -> {
            String nationalId = field(form, "nationalId");
            Optional<DeviceDescription> description = description(form);
            if (!nationalId.matches("[0-9]{8,12}") || description.isEmpty()) {
                model.addAttribute("invalid", true);
                return Mono.just(phonesPage(model, description.orElse(DeviceDescription.RECENT_ANDROID)));
            }
            return this.activation.start(nationalId).map(answer -> {
                if (answer.status() != 202) {
                    refused(model, answer);
                    return phonesPage(model, description.get());
                }
                return codesPage(model, answer.text("activationId"), nationalId, description.get());
            });
        });
    }

    /** Step 2: the codes (or the card's activation code) with the new key; the phone exists once the server agrees. */
    @PostMapping("/phone/devices")
    Mono<String> register(ServerWebExchange exchange, Model model) {
        return exchange.getFormData().flatMap(form -> {
            Optional<DeviceDescription> description = description(form);
            String activationId = field(form, "activationId");
            PhoneActivation.Proof proof = activationId.isEmpty()
                    ? new PhoneActivation.CardCode(field(form, "activationCode"))
                    : new PhoneActivation.CorrespondenceCodes(activationId, field(form, "emailCode"), field(form, "smsCode"));
            if (description.isEmpty()) {
                model.addAttribute("invalid", true);
                return Mono.just(phonesPage(model, DeviceDescription.RECENT_ANDROID));
            }
            return this.activation.register(proof, description.get()).map(outcome -> {
                if (outcome.phone() != null) {
                    return "redirect:/phone/" + outcome.phone().id() + "?activated=1";
                }
                refused(model, outcome.answer());
                return activationId.isEmpty() ? phonesPage(model, description.get())
                        : codesPage(model, activationId, field(form, "nationalId"), description.get());
            });
        });
    }

    /** The phone's screen: pushes read as they come, the one waiting for an answer on top. */
    @GetMapping("/phone/{id}")
    Mono<String> screen(@PathVariable String id, @RequestParam(name = "activated", required = false) String activated,
            Model model) {
        return this.phones.find(id)
            .map(phone -> this.reader.readNew(phone).then(Mono.fromSupplier(() -> {
                model.addAttribute("phone", phone);
                model.addAttribute("notifications", phone.notifications());
                Notification waiting = phone.notifications().stream().filter(Notification::awaitsAnswer).findFirst()
                    .orElse(null);
                model.addAttribute("waiting", waiting);
                if (waiting == null) {
                    // nothing to answer: the screen follows the pushes (and a slow answer's outcome) by itself
                    model.addAttribute("refreshSeconds", REFRESH_SECONDS);
                }
                model.addAttribute("activated", activated != null);
                return "phone";
            })))
            .orElseGet(() -> Mono.just("redirect:/phone"));
    }

    @PostMapping("/phone/{id}/answer")
    Mono<String> answer(@PathVariable String id, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> this.phones.find(id).map(phone -> {
            SignedAnswer.Decision decision = "deny".equals(field(form, "decision")) ? SignedAnswer.Decision.DENY
                    : SignedAnswer.Decision.APPROVE;
            Integer number = decision == SignedAnswer.Decision.APPROVE ? number(field(form, "number")) : null;
            return this.answers.answer(phone, field(form, "challengeId"), decision, number)
                .thenReturn("redirect:/phone/" + phone.id());
        }).orElseGet(() -> Mono.just("redirect:/phone")));
    }

    @GetMapping("/phone/{id}/settings")
    String settings(@PathVariable String id, Model model) {
        return this.phones.find(id).map(phone -> {
            model.addAttribute("phone", phone);
            model.addAttribute("settings", phone.settings());
            return "phone-settings";
        }).orElse("redirect:/phone");
    }

    @PostMapping("/phone/{id}/settings")
    Mono<String> saveSettings(@PathVariable String id, ServerWebExchange exchange, Model model) {
        return exchange.getFormData().map(form -> this.phones.find(id).map(phone -> {
            Optional<PhoneSettings> parsed = "reset".equals(field(form, "action")) ? Optional.of(PhoneSettings.ACCURATE)
                    : PhoneSettings.parse(field(form, "clockOffset"), "on".equals(field(form, "offsetProofs")),
                            field(form, "answerDelay"));
            if (parsed.isEmpty()) {
                model.addAttribute("phone", phone);
                model.addAttribute("settings", phone.settings());
                model.addAttribute("invalid", true);
                return "phone-settings";
            }
            phone.settings(parsed.get());
            return "redirect:/phone/" + phone.id();
        }).orElse("redirect:/phone"));
    }

    private String phonesPage(Model model, DeviceDescription description) {
        model.addAttribute("phones", this.phones.all());
        model.addAttribute("device", description);
        model.addAttribute("cardActivationUrl", this.properties.cardActivationUrl());
        return "phones";
    }

    private static String codesPage(Model model, String activationId, String nationalId, DeviceDescription description) {
        model.addAttribute("activationId", activationId);
        model.addAttribute("nationalId", nationalId);
        model.addAttribute("device", description);
        return "phone-codes";
    }

    private static void refused(Model model, ApiAnswer answer) {
        model.addAttribute("refusal", answer.answered() ? answer.reason() : null);
        model.addAttribute("refusalStatus", answer.status());
        model.addAttribute("unreachable", !answer.answered());
    }

    private static Optional<DeviceDescription> description(MultiValueMap<String, String> form) {
        return DeviceDescription.of(field(form, "platform"), field(form, "osVersion"), field(form, "appVersion"));
    }

    private static Integer number(String value) {
        return value.matches("[0-9]{1,4}") ? Integer.valueOf(value) : null;
    }

    private static String field(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value.strip();
    }
}
