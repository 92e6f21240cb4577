package io.healthid.demo.phone;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * What the device API answered: its status and JSON body, or no answer at all ({@code status} 0).
 * A refusal carries {@code {"error", "reason"}}, the reason being one of the identity provider's reason codes.
 */
public record ApiAnswer(int status, JsonNode body) {

    public static ApiAnswer unreachable() {
        return new ApiAnswer(0, MissingNode.getInstance());
    }

    public boolean isSuccess() {
        return this.status >= 200 && this.status < 300;
    }

    public boolean answered() {
        return this.status != 0;
    }

    /** The reason code of a refusal; the OAuth-style error when the identity provider gave no reason. */
    public String reason() {
        String reason = this.body.path("reason").asString("");
        return reason.isEmpty() ? this.body.path("error").asString("") : reason;
    }

    public String text(String field) {
        return this.body.path(field).asString("");
    }

    /** A date-time field, {@code null} when absent or malformed. */
    public Instant instant(String field) {
        try {
            String value = text(field);
            return value.isEmpty() ? null : Instant.parse(value);
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }
}
