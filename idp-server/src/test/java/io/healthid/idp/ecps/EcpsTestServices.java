package io.healthid.idp.ecps;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.healthid.idp.testsupport.ServerPort;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outside services e-CPS activation talks to, one of each per test JVM like the server: a real SMTP server
 * (GreenMail) and the SMS gateway (WireMock: a remote service we do not run).
 */
public final class EcpsTestServices {

    private static final Pattern SIX_DIGITS = Pattern.compile("(?<!\\d)\\d{6}(?!\\d)");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static GreenMail smtp;
    private static WireMockServer sms;

    private EcpsTestServices() {
    }

    public static synchronized void start() {
        if (smtp == null) {
            smtp = new GreenMail(new ServerSetup(ServerPort.SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            sms = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").port(ServerPort.SMS_PORT));
            sms.start();
            sms.stubFor(post(urlEqualTo("/sms")).willReturn(aResponse().withStatus(202)));
        }
    }

    public static WireMockServer smsGateway() {
        start();
        return sms;
    }

    /** The code in the newest e-mail sent to {@code address}: its only run of six digits. */
    public static String lastEmailCode(String address) {
        start();
        try {
            List<? extends Message> messages = Arrays.stream(smtp.getReceivedMessages()).filter(message -> sentTo(message, address)).toList();
            if (messages.isEmpty()) {
                throw new AssertionError("no e-mail to " + address);
            }
            Message last = messages.get(messages.size() - 1);
            return onlySixDigitRun(last.getSubject() + "\n" + GreenMailUtil.getBody(last));
        }
        catch (MessagingException ex) {
            throw new AssertionError(ex);
        }
    }

    public static int emailsTo(String address) {
        start();
        return (int) Arrays.stream(smtp.getReceivedMessages()).filter(message -> sentTo(message, address)).count();
    }

    /** The code in the newest text sent to {@code mobile} through the gateway. */
    public static String lastSmsCode(String mobile) {
        List<JsonNode> texts = sms.findAll(postRequestedFor(urlEqualTo("/sms"))).stream()
            .map(request -> JSON.readTree(request.getBodyAsString()))
            .filter(body -> mobile.equals(body.path("to").asString()))
            .toList();
        if (texts.isEmpty()) {
            throw new AssertionError("no SMS to " + mobile);
        }
        return onlySixDigitRun(texts.get(texts.size() - 1).path("text").asString());
    }

    static String onlySixDigitRun(String text) {
        Matcher matcher = SIX_DIGITS.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no six-digit code in: " + text);
        }
        String code = matcher.group();
        if (matcher.find() || text.replace(code, "").matches("(?s).*\\d{6}.*")) {
            throw new AssertionError("more than one run of six digits in: " + text);
        }
        return code;
    }

    private static boolean sentTo(Message message, String address) {
        try {
            return Arrays.stream(message.getAllRecipients())
                .anyMatch(recipient -> recipient instanceof InternetAddress internet && address.equalsIgnoreCase(internet.getAddress()));
        }
        catch (MessagingException ex) {
            return false;
        }
    }
}
