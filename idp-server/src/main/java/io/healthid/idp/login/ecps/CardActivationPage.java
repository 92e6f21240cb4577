package io.healthid.idp.login.ecps;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import io.healthid.idp.authn.card.CardCertificateValidator;
import io.healthid.idp.authn.card.CardValidationResult;
import io.healthid.idp.directory.PractitionerVerifier;
import io.healthid.idp.ecps.activation.ActivationStore;
import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.model.ReasonCode;
import io.healthid.idp.mtls.PresentedCertificate;
import io.healthid.idp.mtls.PresentedCertificateConverter;
import io.healthid.idp.pages.Pages;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * {@code GET {card listener}{issuer path}/ecps/activation}: a person who proves themselves with their card gets an
 * activation code for their phone, as a QR code drawn on the server (inline SVG, no script) and as text in
 * {@code id="activation-code"} for those who cannot scan; valid 90 s, single use.
 */
public class CardActivationPage {

    public static final String PATH = "/ecps/activation";

    private final PresentedCertificateConverter certificates;
    private final CardCertificateValidator validator;
    private final Optional<PractitionerVerifier> verifier;
    private final ActivationStore activations;
    private final Duration lifetime;
    private final Scheduler blocking;

    public CardActivationPage(PresentedCertificateConverter certificates, CardCertificateValidator validator,
            Optional<PractitionerVerifier> verifier, ActivationStore activations, Duration lifetime, Scheduler blocking) {
        this.certificates = certificates;
        this.validator = validator;
        this.verifier = verifier;
        this.activations = activations;
        this.lifetime = lifetime;
        this.blocking = blocking;
    }

    public Mono<ServerResponse> show(ServerRequest request) {
        if (!(this.certificates.convert(request.exchange()) instanceof PresentedCertificate.Chain chain)) {
            return refused(ReasonCode.CARD_NO_CERTIFICATE);
        }
        return Mono.fromCallable(() -> this.validator.validate(chain.certificates()))
            .subscribeOn(this.blocking)
            .flatMap(result -> {
                if (!(result instanceof CardValidationResult.Accepted accepted)) {
                    return refused(((CardValidationResult.Rejected) result).reason());
                }
                String nationalId = accepted.holder().nationalId();
                return this.verifier.map(v -> v.verify(nationalId, AuthMethod.CARD)).orElse(Mono.just(ReasonCode.OK))
                    .flatMap(verdict -> verdict.isSuccess() ? this.activations.saveCardCode(nationalId, this.lifetime)
                        .flatMap(this::render) : refused(verdict));
            });
    }

    private Mono<ServerResponse> render(String code) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("code", code);
        model.put("qr", svg(code));
        model.put("seconds", this.lifetime.toSeconds());
        return Pages.render(HttpStatus.OK, "ecps-activation", model);
    }

    private static Mono<ServerResponse> refused(ReasonCode reason) {
        HttpStatus status = reason == ReasonCode.DIRECTORY_UNAVAILABLE || reason == ReasonCode.CARD_REVOCATION_UNKNOWN
                ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.UNAUTHORIZED;
        return Pages.problem(status, "ecps.activation.title", reason.messageKey(), reason.name(), Map.of());
    }

    /** The QR code as SVG rectangles: drawn here, so the page needs no script and no image request. */
    static String svg(String content) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0);
            int size = matrix.getWidth();
            StringBuilder path = new StringBuilder();
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < size; x++) {
                    if (matrix.get(x, y)) {
                        path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                    }
                }
            }
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"-4 -4 " + (size + 8) + " " + (size + 8)
                    + "\" width=\"240\" height=\"240\" role=\"img\" aria-label=\"QR code\"><rect x=\"-4\" y=\"-4\" width=\""
                    + (size + 8) + "\" height=\"" + (size + 8) + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
        }
        catch (WriterException ex) {
            throw new IllegalStateException("A short code always fits a QR code", ex);
        }
    }
}
