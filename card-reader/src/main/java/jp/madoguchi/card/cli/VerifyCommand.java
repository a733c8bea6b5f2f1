package jp.madoguchi.card.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jp.madoguchi.card.jpki.JpkiSignatureVerifier;
import jp.madoguchi.card.jpki.VerificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code verify}: checks a CMS signature against trusted JPKI roots (and CRLs) in a directory. */
@Command(name = "verify", description = "Verify a .p7s against the JPKI roots (and CRLs) in a directory: every check is listed.")
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--in", paramLabel = "FILE.p7s", required = true, description = "The CMS signature.")
    Path in;

    @Option(names = "--roots", paramLabel = "DIR", required = true,
            description = "Directory of trusted root certificates (.pem .crt .cer .der) and CRLs (.crl).")
    Path roots;

    @Option(names = "--content", paramLabel = "FILE", description = "The signed file, for a detached signature.")
    Path content;

    @Option(names = "--show-signer", description = "Also print the signer's name and birth date from the certificate (personal data).")
    boolean showSigner;

    @Override
    public Integer call() {
        Cli cli = common.cli();
        byte[] cms;
        byte[] detached = null;
        JpkiSignatureVerifier verifier;
        Path current = in;
        try {
            cms = Files.readAllBytes(in);
            if (content != null) {
                current = content;
                detached = Files.readAllBytes(content);
            }
            current = roots;
            verifier = JpkiSignatureVerifier.fromDirectory(roots);
        } catch (java.io.IOException e) {
            return cli.ioError(current, e);
        }
        VerificationReport report = verifier.verify(cms, detached);
        int statusWidth = 0;
        for (VerificationReport.Status status : VerificationReport.Status.values()) {
            statusWidth = Math.max(statusWidth, displayWidth(cli.text("verify.status." + status.name())));
        }
        for (VerificationReport.CheckResult r : report.checks()) {
            String status = cli.text("verify.status." + r.status().name());
            cli.print(status + " ".repeat(statusWidth - displayWidth(status) + 1)
                    + cli.text("verify.check." + r.check().name()) + " — " + r.reason());
        }
        report.signingTime().ifPresent(t -> cli.print(cli.text("verify.signing_time") + ": " + t));
        report.holder().ifPresent(holder -> {
            if (showSigner) {
                cli.print(cli.text("verify.holder") + ": " + holder.name() + " (" + holder.birthDate() + ")");
            }
            if (holder.hasSubstitutedCharacters()) {
                cli.say("verify.substituted");
            }
        });
        cli.say(report.valid() ? "verify.valid" : "verify.invalid");
        return report.valid() ? CardTool.EXIT_OK : CardTool.EXIT_NOT_VALID;
    }


    /** Columns a terminal gives the text: CJK and full-width characters take two. */
    static int displayWidth(String text) {
        return text.codePoints().map(c -> {
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            boolean wide = script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                    || (c >= 0xFF01 && c <= 0xFF60) || (c >= 0x3000 && c <= 0x303F);
            return wide ? 2 : 1;
        }).sum();
    }
}
