package jp.madoguchi.card.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.jpki.CmsSigner;
import jp.madoguchi.card.mynumber.CertificateSlot;
import jp.madoguchi.card.mynumber.KeyKind;
import jp.madoguchi.card.mynumber.PinKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sign}: a CMS (CAdES-BES) signature over a file with the card's signature key. */
@Command(name = "sign", description = "Sign a file with the card's JPKI signature key: writes a CMS SignedData (CAdES-BES) .p7s.")
final class SignCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Mixin
    ReaderOptions reader;

    @Option(names = "--password", paramLabel = "PW", description = "The signature password, for scripts; asked without echo when left out.")
    char[] password;

    @Option(names = "--in", paramLabel = "FILE", required = true, description = "The file to sign.")
    Path in;

    @Option(names = "--out", paramLabel = "FILE.p7s", required = true, description = "Where to write the signature.")
    Path out;

    @Option(names = "--detached", description = "Leave the file's content out of the signature (verify then needs --content).")
    boolean detached;

    @Override
    public Integer call() throws Exception {
        Cli cli = common.cli();
        byte[] payload;
        try {
            payload = Files.readAllBytes(in);
        } catch (java.io.IOException e) {
            CardSession.wipe(password);
            return cli.ioError(in, e);
        }
        // where the signature goes is checked before the card is touched: no password try, no
        // signature made, for a file that cannot be written
        Path folder = out.toAbsolutePath().getParent();
        if (Files.isDirectory(out)) {
            CardSession.wipe(password);
            cli.error("error.is_a_directory", out);
            return CardTool.EXIT_FAILURE;
        }
        if (folder != null && !Files.isDirectory(folder)) {
            CardSession.wipe(password);
            cli.error(Files.exists(folder) ? "error.not_a_directory" : "error.not_found", folder);
            return CardTool.EXIT_FAILURE;
        }
        return CardSession.run(reader, cli, common.verbose, password, card -> {
            card.selectJpki();
            int pinOutcome = PinEntry.verify(card, PinKind.SIGNATURE, password, "--password", cli);
            if (pinOutcome != PinEntry.VERIFIED) {
                return pinOutcome;
            }
            X509Certificate signer = card.readCertificate(CertificateSlot.SIGNATURE);
            X509Certificate ca = card.readCertificate(CertificateSlot.SIGNATURE_CA);
            byte[] cms = new CmsSigner().sign(payload, signer, List.of(ca),
                    digestInfo -> card.signDigestInfo(KeyKind.SIGNATURE, digestInfo), !detached);
            Files.write(out, cms);
            cli.say("sign.done", payload.length, cms.length, out);
            return CardTool.EXIT_OK;
        });
    }
}
