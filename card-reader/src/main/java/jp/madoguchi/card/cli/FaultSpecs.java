package jp.madoguchi.card.cli;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import jp.madoguchi.card.apdu.Hex;
import jp.madoguchi.card.emulator.FaultPlan;
import jp.madoguchi.card.emulator.FaultPlan.Trigger;
import jp.madoguchi.card.mynumber.MyNumberSpec;

/**
 * The {@code emulate --fault SPEC} notation, for trying a booth against a broken or hostile card by hand (issue 9).
 * Each SPEC is one of:
 *
 * <pre>
 *   hang@INS[#N]          the card stops answering the N-th command with that INS (hex), until it is taken out
 *   remove@INS[#N]        the card is taken out before that command reaches it
 *   remove-after@INS[#N]  the card acts on that command, then is taken out before answering
 *   sw=XXXX@INS[#N]       that command is answered with status word XXXX alone (e.g. sw=6F00@B0, sw=9000@20#3)
 *   more-data@INS[#N]     61xx to that command and to every GET RESPONSE after it, for ever
 *   huge:AP/EF            EF (hex) of AP (jpki or text) announces 1 MB and never ends
 *   lying-length:AP/EF    EF of AP announces 1 KB and holds 16 bytes
 *   read-off-by:N         every READ BINARY answers N bytes more (or, negative, fewer) than it should
 *   slow:MS               every command takes MS milliseconds more
 * </pre>
 *
 * N counts from 1 (default 1). Stateless.
 */
final class FaultSpecs {
    /** The notation, for the option's help. */
    static final String HELP = "A fault to inject (repeatable): hang@INS[#N], remove@INS[#N], remove-after@INS[#N], "
            + "sw=XXXX@INS[#N], more-data@INS[#N], huge:AP/EF, lying-length:AP/EF, read-off-by:N, slow:MS. "
            + "INS and EF in hex, AP jpki or text, N the N-th command with that INS (default 1). "
            + "E.g. --fault hang@B0#2 (stops answering the second READ BINARY), --fault sw=9000@20#3, "
            + "--fault huge:text/0002.";

    private FaultSpecs() {
    }

    /**
     * The plan for these specs.
     *
     * @throws IllegalArgumentException naming the spec that is not in the notation
     */
    static FaultPlan parse(List<String> specs) {
        FaultPlan.Builder plan = FaultPlan.builder();
        for (String spec : specs) {
            try {
                add(plan, spec.trim().toLowerCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(spec, e);
            }
        }
        return plan.build();
    }

    private static void add(FaultPlan.Builder plan, String spec) {
        int at = spec.indexOf('@');
        if (at > 0) {
            String what = spec.substring(0, at);
            Trigger trigger = trigger(spec.substring(at + 1));
            if (what.equals("hang")) {
                plan.hang(trigger);
            } else if (what.equals("remove")) {
                plan.removeCard(trigger);
            } else if (what.equals("remove-after")) {
                plan.removeCardAfter(trigger);
            } else if (what.equals("more-data")) {
                plan.moreDataForever(trigger);
            } else if (what.startsWith("sw=") && what.length() == 7) {
                plan.answerStatus(trigger, Integer.parseInt(what.substring(3), 16));
            } else {
                throw new IllegalArgumentException("unknown fault " + what);
            }
            return;
        }
        int colon = spec.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("no @ or :");
        }
        String what = spec.substring(0, colon);
        String value = spec.substring(colon + 1);
        switch (what) {
            case "huge" -> plan.endlessFile(application(value), file(value), Hex.decode(header(value) + "83100000"));
            case "lying-length" -> plan.serveFile(application(value), file(value),
                    Hex.decode(header(value) + "820400" + "00".repeat(16 - header(value).length() / 2 - 3)));
            case "read-off-by" -> plan.readBinaryLengthOffBy(Integer.parseInt(value));
            case "slow" -> plan.delayEachApdu(Duration.ofMillis(Long.parseLong(value)));
            default -> throw new IllegalArgumentException("unknown fault " + what);
        }
    }

    private static Trigger trigger(String text) {
        int hash = text.indexOf('#');
        int ins = Integer.parseInt(hash < 0 ? text : text.substring(0, hash), 16);
        int occurrence = hash < 0 ? 1 : Integer.parseInt(text.substring(hash + 1));
        return Trigger.onIns(ins, occurrence);
    }

    private static byte[] application(String apAndFile) {
        String ap = apAndFile.substring(0, apAndFile.indexOf('/'));
        return switch (ap) {
            case "jpki" -> MyNumberSpec.AID_JPKI;
            case "text" -> MyNumberSpec.AID_TEXT;
            default -> throw new IllegalArgumentException("AP is jpki or text");
        };
    }

    private static int file(String apAndFile) {
        int fileId = Integer.parseInt(apAndFile.substring(apAndFile.indexOf('/') + 1), 16);
        if (fileId < 0 || fileId > 0xFFFF) {
            throw new IllegalArgumentException("EF is two bytes");
        }
        return fileId;
    }

    /** The tag a file of that AP starts with: a certificate's SEQUENCE, or the text AP's FF20/FF30/FF10. */
    private static String header(String apAndFile) {
        if (apAndFile.startsWith("jpki/")) {
            return "30";
        }
        return switch (file(apAndFile)) {
            case 0x0001 -> "FF10";
            case 0x0003 -> "FF30";
            default -> "FF20";
        };
    }
}
