package io.healthid.demo.context;

import java.io.Serializable;

/**
 * The profession and site a person works under in this application, chosen by them: PSC returns all of them and
 * never chooses. {@code activityKey} is empty for an exercice without any site.
 */
public record WorkingContext(String exerciceKey, String activityKey) implements Serializable {

    /** Session attribute holding the chosen context. */
    public static final String SESSION_ATTRIBUTE = "demo.context";
}
