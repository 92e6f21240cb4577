package io.healthid.demo.web;

import io.healthid.demo.settings.DemoProperties;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * Test cards of the identity provider's test PKI for the sample practitioners, and how to import one. The identity
 * provider offers them only while it trusts its own test PKI; the demo passes them on for the listed people only.
 */
@Controller
public class TestCardsController {

    /** A sample practitioner: national id and name. */
    public record Practitioner(String nationalId, String name) {
    }

    private final WebClient identityProvider;
    private final List<Practitioner> practitioners;

    public TestCardsController(WebClient identityProviderClient, DemoProperties properties) {
        this.identityProvider = identityProviderClient.mutate().baseUrl(properties.idpOrigin()).build();
        this.practitioners = load();
    }

    @GetMapping("/test-cards")
    @SuppressWarnings("unchecked")
    Mono<String> page(Model model) {
        model.addAttribute("practitioners", this.practitioners);
        return this.identityProvider.get().uri("/pki/test-cards").retrieve().bodyToMono(Map.class)
            .map(index -> {
                model.addAttribute("offered", true);
                model.addAttribute("password", ((Map<String, Object>) index).get("password"));
                return "test-cards";
            })
            .onErrorResume(ex -> {
                model.addAttribute("offered", false);
                model.addAttribute("unreachable", !(ex instanceof WebClientResponseException));
                return Mono.just("test-cards");
            });
    }

    @GetMapping("/test-cards/{nationalId}.p12")
    Mono<ResponseEntity<byte[]>> card(@PathVariable String nationalId) {
        if (this.practitioners.stream().noneMatch(person -> person.nationalId().equals(nationalId))) {
            return Mono.just(ResponseEntity.notFound().build());
        }
        return download("/pki/test-cards/" + nationalId + ".p12", "carte-" + nationalId + ".p12",
                MediaType.parseMediaType("application/x-pkcs12"));
    }

    @GetMapping("/test-cards/root.pem")
    Mono<ResponseEntity<byte[]>> root() {
        return download("/pki/test-cards/root.pem", "racine-test.pem", MediaType.parseMediaType("application/x-pem-file"));
    }

    private Mono<ResponseEntity<byte[]>> download(String path, String fileName, MediaType type) {
        return this.identityProvider.get().uri(path).retrieve().bodyToMono(byte[].class)
            .map(body -> ResponseEntity.ok().contentType(type).cacheControl(CacheControl.noStore())
                .headers(headers -> headers.setContentDisposition(ContentDisposition.attachment().filename(fileName).build()))
                .body(body))
            .onErrorResume(ex -> Mono.just(ResponseEntity.status(HttpStatus.BAD_GATEWAY).build()));
    }

    private static List<Practitioner> load() {
        Properties names = new Properties();
        try (Reader reader = new InputStreamReader(new ClassPathResource("test-practitioners.properties").getInputStream(),
                StandardCharsets.UTF_8)) {
            names.load(reader);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        List<Practitioner> list = new ArrayList<>();
        names.stringPropertyNames().stream().sorted((a, b) -> a.startsWith("0") == b.startsWith("0") ? a.compareTo(b)
                : a.startsWith("0") ? 1 : -1).forEach(id -> list.add(new Practitioner(id, names.getProperty(id))));
        return List.copyOf(list);
    }
}
