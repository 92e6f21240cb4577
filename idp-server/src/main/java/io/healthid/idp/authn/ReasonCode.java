package io.healthid.idp.authn;

/**
 * The closed vocabulary of authentication outcomes (glossary.md, architecture decision 6). Each code is a metric
 * label, an audit entry, a line for operators and a message that tells the person what to do next. Extend it
 * deliberately: dashboards and alerts count these values.
 */
public enum ReasonCode {

    OK("Authentication succeeded",
            "Vous êtes connecté.",
            "You are signed in."),

    CARD_NO_CERTIFICATE("No client certificate was presented on the card listener",
            "Aucune carte n'a été lue. Insérez votre carte CPS dans le lecteur, vérifiez que le logiciel de la carte (Cryptolib CPS) est installé, puis réessayez.",
            "No card was read. Insert your CPS card in the reader, check that the card software (Cryptolib CPS) is installed, then try again."),
    CARD_EXPIRED("The card certificate is past its validity period",
            "Votre carte a expiré. Utilisez votre nouvelle carte ou e-CPS, ou commandez une carte de remplacement.",
            "Your card has expired. Use your new card or e-CPS, or order a replacement card."),
    CARD_NOT_YET_VALID("The card certificate is not valid yet",
            "Votre carte n'est pas encore active. Réessayez plus tard ou vérifiez l'horloge de votre ordinateur.",
            "Your card is not active yet. Try again later or check your computer's clock."),
    CARD_REVOKED("The card certificate is revoked (listed in the CRL)",
            "Cette carte a été révoquée (perte, vol ou remplacement). Utilisez votre carte actuelle ou e-CPS.",
            "This card has been revoked (lost, stolen or replaced). Use your current card or e-CPS."),
    CARD_REVOCATION_UNKNOWN("The card's revocation status could not be checked (CRL unavailable)",
            "Nous ne pouvons pas vérifier votre carte pour le moment. Réessayez dans quelques minutes ou utilisez e-CPS.",
            "We cannot check your card right now. Try again in a few minutes or use e-CPS."),
    CARD_UNTRUSTED_ISSUER("The certificate does not chain to a trusted IGC-Santé authority",
            "Ce certificat n'est pas une carte de la famille CPS. Retirez les autres certificats proposés par le navigateur et choisissez celui de votre carte.",
            "This certificate is not a CPS-family card. Choose your card's certificate when the browser asks."),
    CARD_NOT_FOR_LOGIN("The certificate is not an authentication certificate (key usage)",
            "Le certificat choisi sert à la signature, pas à la connexion. Choisissez le certificat d'authentification de votre carte.",
            "The chosen certificate is for signing, not for signing in. Choose your card's authentication certificate."),
    CARD_UNREADABLE_SUBJECT("The certificate subject carries no usable national identifier",
            "Votre carte ne peut pas être lue correctement. Contactez le support de l'ANS.",
            "Your card cannot be read correctly. Contact ANS support."),
    PROXY_HEADER_UNTRUSTED("A forwarded client certificate came from an address that is not a trusted proxy",
            "La connexion par carte a été refusée. Réessayez ; si le problème persiste, contactez votre service informatique.",
            "The card sign-in was refused. Try again; if it persists, contact your IT department."),

    ECPS_NOT_ENROLLED("No e-CPS device is enrolled for this national identifier",
            "Aucune application e-CPS n'est activée pour cet identifiant. Activez e-CPS depuis l'application avec votre carte ou vos coordonnées.",
            "No e-CPS app is activated for this identifier. Activate e-CPS in the app with your card or your contact details."),
    ECPS_DEVICE_EXPIRED("The enrolled device's registration has expired",
            "L'activation e-CPS de votre téléphone a expiré. Réactivez e-CPS dans l'application.",
            "Your phone's e-CPS activation has expired. Reactivate e-CPS in the app."),
    ECPS_DEVICE_REVOKED("The enrolled device was revoked",
            "Ce téléphone n'est plus autorisé pour e-CPS. Réactivez e-CPS sur votre téléphone actuel.",
            "This phone is no longer allowed for e-CPS. Reactivate e-CPS on your current phone."),
    ECPS_PUSH_UNDELIVERABLE("The push notification could not be delivered to the device",
            "La notification n'a pas pu être envoyée à votre téléphone. Vérifiez sa connexion internet et ouvrez l'application e-CPS.",
            "The notification could not reach your phone. Check its internet connection and open the e-CPS app."),
    ECPS_TIMEOUT("The person did not confirm on the device in time",
            "Aucune confirmation n'a été reçue à temps. Recommencez et validez la demande dans l'application e-CPS.",
            "No confirmation was received in time. Start again and approve the request in the e-CPS app."),
    ECPS_DENIED("The person refused the request on the device",
            "Vous avez refusé la demande sur votre téléphone. Si ce n'était pas vous, changez votre code e-CPS.",
            "You declined the request on your phone. If it was not you, change your e-CPS code."),
    ECPS_WRONG_NUMBER("The number chosen on the device did not match the one shown in the browser",
            "Le nombre choisi sur le téléphone ne correspond pas. Recommencez en choisissant le nombre affiché à l'écran.",
            "The number chosen on the phone does not match. Start again and pick the number shown on screen."),
    ECPS_BAD_SIGNATURE("The device's signature did not verify",
            "Votre téléphone n'a pas pu prouver son identité. Réactivez e-CPS dans l'application.",
            "Your phone could not prove its identity. Reactivate e-CPS in the app."),
    ECPS_REPLAY("A device response was replayed",
            "Cette réponse a déjà été utilisée. Recommencez la connexion.",
            "This response was already used. Start signing in again."),
    ECPS_CLOCK_SKEW("The device's clock is too far from the server's",
            "L'heure de votre téléphone est décalée. Activez la date et l'heure automatiques dans les réglages, puis recommencez.",
            "Your phone's clock is off. Switch on automatic date and time in the settings, then try again."),
    ECPS_APP_TOO_OLD("The e-CPS app version is below the minimum",
            "Votre application e-CPS est trop ancienne. Mettez-la à jour depuis le magasin d'applications officiel.",
            "Your e-CPS app is too old. Update it from the official app store."),
    ECPS_OS_TOO_OLD("The device's operating system version is below the minimum",
            "La version du système de votre téléphone n'est plus prise en charge. Mettez-le à jour ou utilisez votre carte.",
            "Your phone's system version is no longer supported. Update it or use your card."),
    ECPS_LOCKED("e-CPS is locked after repeated failures",
            "e-CPS est bloqué après plusieurs échecs. Débloquez-le depuis l'application ou utilisez votre carte.",
            "e-CPS is locked after repeated failures. Unlock it in the app or use your card."),
    ACTIVATION_CARD_ONLY("The person is known only by ADELI: e-CPS activation needs the physical card",
            "Vous êtes connu de l'annuaire par un numéro ADELI : activez e-CPS avec votre carte CPS (connexion par carte, puis code d'activation).",
            "You are known in the directory by an ADELI number: activate e-CPS with your CPS card (sign in with the card, then use the activation code)."),
    ACTIVATION_NO_CORRESPONDENCE("The directory holds no correspondence e-mail or mobile for the person",
            "L'annuaire ne connaît pas votre e-mail ou votre mobile de correspondance. Faites-les enregistrer auprès de votre ordre ou de l'ARS, ou activez e-CPS avec votre carte.",
            "The directory has no correspondence e-mail or mobile for you. Have them recorded by your professional body or ARS, or activate e-CPS with your card."),
    ACTIVATION_MSSANTE_ADDRESS("The correspondence e-mail is an MSSanté address, which cannot receive activation codes",
            "Votre e-mail de correspondance est une adresse MSSanté, qui ne peut pas servir à l'activation. Déclarez une autre adresse auprès de votre ordre ou de l'ARS, ou activez e-CPS avec votre carte.",
            "Your correspondence e-mail is an MSSanté address, which cannot be used for activation. Record another address with your professional body or ARS, or activate e-CPS with your card."),
    ACTIVATION_CODE_INVALID("An activation code was wrong, expired or already used",
            "Le code d'activation est incorrect ou a expiré. Vérifiez les codes reçus par e-mail et par SMS, ou recommencez l'activation.",
            "The activation code is wrong or has expired. Check the codes you received by e-mail and text message, or start the activation again."),
    RATE_LIMITED("Too many attempts from this client or for this identifier",
            "Trop de tentatives. Patientez quelques minutes avant de réessayer.",
            "Too many attempts. Wait a few minutes before trying again."),

    DIRECTORY_NOT_FOUND("The national identifier is not in the practitioner directory",
            "Votre identifiant n'est pas connu de l'annuaire santé. Vérifiez votre inscription auprès de votre ordre ou de l'ARS.",
            "Your identifier is not in the health directory. Check your registration with your professional body."),
    DIRECTORY_NOT_ELIGIBLE("The person is in the directory but not eligible for this means",
            "Votre situation ne permet pas cette connexion. Consultez les conditions d'accès à Pro Santé Connect.",
            "Your situation does not allow this sign-in. See the Pro Santé Connect eligibility conditions."),
    DIRECTORY_UNAVAILABLE("The practitioner directory could not be queried",
            "Le service est momentanément indisponible. Réessayez dans quelques minutes.",
            "The service is temporarily unavailable. Try again in a few minutes."),

    SESSION_EXPIRED("The login transaction expired before it completed",
            "Votre demande de connexion a expiré. Retournez sur l'application et recommencez.",
            "Your sign-in request expired. Go back to the application and start again."),
    USER_CANCELLED("The person cancelled the login",
            "Connexion annulée.",
            "Sign-in cancelled.");

    private final String operatorDescription;
    private final String messageFr;
    private final String messageEn;

    ReasonCode(String operatorDescription, String messageFr, String messageEn) {
        this.operatorDescription = operatorDescription;
        this.messageFr = messageFr;
        this.messageEn = messageEn;
    }

    public String operatorDescription() {
        return this.operatorDescription;
    }

    /** What the person should do next, in French (the product's first language) or English. */
    public String message(java.util.Locale locale) {
        return "en".equals(locale.getLanguage()) ? this.messageEn : this.messageFr;
    }

    public boolean isSuccess() {
        return this == OK;
    }
}
