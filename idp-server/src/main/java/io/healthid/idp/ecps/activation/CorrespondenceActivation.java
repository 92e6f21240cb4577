package io.healthid.idp.ecps.activation;

import io.healthid.idp.ecps.EcpsProperties;
import io.healthid.idp.ecps.EcpsRefusal;
import io.healthid.idp.ecps.limit.RateLimits;
import io.healthid.idp.model.ReasonCode;
import io.healthid.rpps.eligibility.EligibilityDecision;
import io.healthid.rpps.eligibility.EligibilityRules;
import io.healthid.rpps.idnat.InvalidNationalIdException;
import io.healthid.rpps.idnat.NationalId;
import io.healthid.rpps.idnat.ParsedNationalId;
import io.healthid.rpps.lookup.DirectoryUnavailableException;
import io.healthid.rpps.lookup.PractitionerLookup;
import io.healthid.rpps.model.Practitioner;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * Activation with the directory's correspondence data (psc-profile.md, e-CPS): the person gives their national id,
 * one code goes to their correspondence e-mail and another to their correspondence mobile, and the phone proves it
 * received both. Refused for ADELI-only persons (card only), without correspondence data, and for an MSSanté e-mail.
 */
public class CorrespondenceActivation {

    /** What the phone gets back: where to send the codes, and for how long they hold. */
    public record Started(String activationId, long expiresIn) {
    }

    private final PractitionerLookup directory;
    private final EligibilityRules rules;
    private final ActivationStore store;
    private final CodeSender sender;
    private final RateLimits limits;
    private final RateLimits.Limit perPerson;
    private final RateLimits.Limit perAddress;
    private final EcpsProperties.Activation settings;

    public CorrespondenceActivation(PractitionerLookup directory, EligibilityRules rules, ActivationStore store,
            CodeSender sender, RateLimits limits, EcpsProperties.Activation settings) {
        this.directory = directory;
        this.rules = rules;
        this.store = store;
        this.sender = sender;
        this.limits = limits;
        this.settings = settings;
        this.perPerson = new RateLimits.Limit("activation-person", settings.perPerson(), settings.window());
        this.perAddress = new RateLimits.Limit("activation-address", settings.perAddress(), settings.window());
    }

    public Mono<Started> start(String rawNationalId, String clientAddress, Locale locale) {
        ParsedNationalId parsed = NationalId.parse(rawNationalId);
        if (!(parsed instanceof ParsedNationalId.Valid valid)) {
            return Mono.error(new EcpsRefusal(ReasonCode.DIRECTORY_NOT_FOUND, HttpStatus.BAD_REQUEST));
        }
        String nationalId = valid.id().idNat();
        return this.limits.tryAcquire(this.perAddress, clientAddress)
            .filter(Boolean::booleanValue)
            .flatMap(allowed -> this.limits.tryAcquire(this.perPerson, nationalId))
            .filter(Boolean::booleanValue)
            .switchIfEmpty(Mono.error(new EcpsRefusal(ReasonCode.RATE_LIMITED)))
            .then(this.directory.findByNationalId(nationalId)
                .onErrorMap(InvalidNationalIdException.class, ex -> new EcpsRefusal(ReasonCode.DIRECTORY_NOT_FOUND))
                .onErrorMap(DirectoryUnavailableException.class, ex -> new EcpsRefusal(ReasonCode.DIRECTORY_UNAVAILABLE))
                .switchIfEmpty(Mono.error(new EcpsRefusal(ReasonCode.DIRECTORY_NOT_FOUND))))
            .flatMap(practitioner -> send(practitioner, nationalId, locale));
    }

    private Mono<Started> send(Practitioner practitioner, String nationalId, Locale locale) {
        EligibilityDecision decision = this.rules.checkActivationByCorrespondence(practitioner);
        if (!decision.eligible()) {
            return Mono.error(new EcpsRefusal(refusalOf(decision)));
        }
        String emailCode = ActivationStore.newSixDigitCode();
        String smsCode = ActivationStore.newSixDigitCode();
        return this.store.save(nationalId, emailCode, smsCode, this.settings.codeLifetime())
            .flatMap(id -> Mono.when(
                        this.sender.sendEmail(practitioner.correspondenceEmail().strip(), emailCode, this.settings.codeLifetime(), locale),
                        this.sender.sendSms(e164(practitioner.correspondenceMobile()), smsCode, this.settings.codeLifetime(), locale))
                // codes that did not both leave are useless: the person starts again
                .onErrorResume(ex -> this.store.discard(id).then(Mono.error(ex)))
                .thenReturn(new Started(id, this.settings.codeLifetime().toSeconds())));
    }

    /** The directory writes mobiles for people ({@code +33 6...}, {@code 06 ...}); gateways want E.164. */
    static String e164(String mobile) {
        String digits = mobile.replaceAll("[\\s.()-]", "");
        return digits.startsWith("0") && digits.length() == 10 ? "+33" + digits.substring(1) : digits;
    }

    static ReasonCode refusalOf(EligibilityDecision decision) {
        return switch (decision.reason()) {
            case ADELI_ONLY_CARD_REQUIRED -> ReasonCode.ACTIVATION_CARD_ONLY;
            case NO_CORRESPONDENCE_EMAIL, NO_CORRESPONDENCE_MOBILE -> ReasonCode.ACTIVATION_NO_CORRESPONDENCE;
            case MSSANTE_CORRESPONDENCE_EMAIL -> ReasonCode.ACTIVATION_MSSANTE_ADDRESS;
            default -> ReasonCode.DIRECTORY_NOT_ELIGIBLE;
        };
    }
}
