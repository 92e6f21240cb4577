package io.healthid.demo.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JWT decoded for reading: its header and payload, pretty-printed. Decoding is not verifying: Spring Security
 * verified the ID token at login; the access token is for the identity provider's APIs and the relying party
 * need not read it.
 */
public record JwtView(String header, String payload, Map<String, Object> claims) {

    @SuppressWarnings("unchecked")
    public static JwtView decode(String jwt, JsonMapper json) {
        String[] parts = jwt == null ? new String[0] : jwt.split("\\.");
        if (parts.length < 2) {
            return new JwtView("", "", Map.of());
        }
        try {
            JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode payload = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return new JwtView(json.writerWithDefaultPrettyPrinter().writeValueAsString(header),
                    json.writerWithDefaultPrettyPrinter().writeValueAsString(payload),
                    json.convertValue(payload, Map.class));
        }
        catch (RuntimeException ex) {
            return new JwtView("", new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8), Map.of());
        }
    }
}
