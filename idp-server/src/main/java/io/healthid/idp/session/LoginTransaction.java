package io.healthid.idp.session;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An authorization request waiting for its person to authenticate: the validated request parameters, kept so the
 * flow resumes on any node once an authenticator is done.
 */
public record LoginTransaction(String id, String clientId, Map<String, List<String>> parameters, Instant startedAt) {

    public String first(String name) {
        List<String> values = this.parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
