package io.healthid.idp.ecps.push;

/**
 * Where the server wakes a phone: a webhook URL (the simulator, tests) or a Firebase Cloud Messaging registration
 * token. Both are opaque to anyone but the gateway that uses them.
 */
public record PushTarget(Type type, String address) {

    public enum Type {
        WEBHOOK, FCM
    }
}
