package io.healthid.idp.protocol.logout.backchannel;

/**
 * A relying party that was issued an ID token in an SSO session: what its logout token must say.
 *
 * @param subject the {@code sub} of the ID token it holds
 * @param sid the {@code sid} of that ID token
 */
public record Participant(String clientId, String subject, String sid) {
}
