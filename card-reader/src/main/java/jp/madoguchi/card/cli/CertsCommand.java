package jp.madoguchi.card.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.mynumber.CertificateSlot;
import jp.madoguchi.card.mynumber.PinKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code certs}: the token label and the certificates of the JPKI-AP. */
@Command(name = "certs", description = "Show the token label and the JPKI certificates; optionally save them as PEM.")
final class CertsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Mixin
    ReaderOptions reader;

    @Option(names = "--password", paramLabel = "PW",
            description = "The signature password, to read the signature certificate too (it holds the name and address).")
    char[] password;

    @Option(names = "--out", paramLabel = "DIR", description = "Save each certificate as DIR/<slot>.pem.")
    Path outDir;

    @Override
    public Integer call() throws Exception {
        Cli cli = common.cli();
        if (outDir != null && Files.exists(outDir) && !Files.isDirectory(outDir)) {
            // said before the card is touched: no password try spent for certificates that cannot be saved
            CardSession.wipe(password);
            cli.error("error.not_a_directory", outDir);
            return CardTool.EXIT_FAILURE;
        }
        return CardSession.run(reader, cli, common.verbose, password, card -> {
            card.selectJpki();
            cli.print(cli.text("certs.token_label") + ": " + card.readTokenLabel());
            boolean withSignature = password != null;
            if (withSignature) {
                int pinOutcome = PinEntry.verify(card, PinKind.SIGNATURE, password, "--password", cli);
                if (pinOutcome != PinEntry.VERIFIED) {
                    return pinOutcome;
                }
            }
            if (outDir != null) {
                Files.createDirectories(outDir);
            }
            for (CertificateSlot slot : CertificateSlot.values()) {
                if (slot.needsSignaturePassword() && !withSignature) {
                    cli.say("certs.signature_needs_password");
                    continue;
                }
                X509Certificate cert = card.readCertificate(slot);
                describe(cli, slot, cert);
                if (outDir != null) {
                    Path file = outDir.resolve(slot.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".pem");
                    Files.writeString(file, pem(cert));
                    cli.say("certs.saved", file);
                }
            }
            return CardTool.EXIT_OK;
        });
    }

    private static void describe(Cli cli, CertificateSlot slot, X509Certificate cert) throws Exception {
        cli.print("");
        cli.print(cli.text("certs.slot." + slot.name()));
        cli.print("  " + cli.text("certs.subject") + ": " + cert.getSubjectX500Principal().getName());
        cli.print("  " + cli.text("certs.issuer") + ": " + cert.getIssuerX500Principal().getName());
        cli.print("  " + cli.text("certs.serial") + ": " + cert.getSerialNumber().toString(16));
        cli.print("  " + cli.text("certs.valid") + ": " + cert.getNotBefore().toInstant() + " – " + cert.getNotAfter().toInstant());
        byte[] fingerprint = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        cli.print("  " + cli.text("certs.fingerprint") + ": " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(fingerprint));
    }

    static String pem(X509Certificate cert) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
