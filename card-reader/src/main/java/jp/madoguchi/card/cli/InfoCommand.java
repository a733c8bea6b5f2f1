package jp.madoguchi.card.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.mynumber.Basic4Info;
import jp.madoguchi.card.mynumber.PinKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code info}: the basic 4 info, after the text AP PIN. */
@Command(name = "info", description = "Show the basic 4 info (name, address, birth date, sex) after the card PIN.")
final class InfoCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Mixin
    ReaderOptions reader;

    @Option(names = "--pin", paramLabel = "PIN", description = "The 4-digit PIN, for scripts; asked without echo when left out.")
    char[] pin;

    @Option(names = "--json", description = "Print JSON: {\"name\", \"address\", \"birthDate\" (YYYY-MM-DD), \"sex\" (ISO 5218: 1, 2 or 9)}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Cli cli = common.cli();
        return CardSession.run(reader, cli, common.verbose, pin, card -> {
            card.selectTextAp();
            int pinOutcome = PinEntry.verify(card, PinKind.TEXT, pin, "--pin", cli);
            if (pinOutcome != PinEntry.VERIFIED) {
                return pinOutcome;
            }
            Basic4Info info = card.readBasic4Info();
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                ObjectNode node = mapper.createObjectNode();
                node.put("name", info.name());
                node.put("address", info.address());
                node.put("birthDate", info.birthDate().toString());
                node.put("sex", String.valueOf(info.sex().code()));
                cli.print(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            } else {
                cli.print(cli.text("info.name") + ": " + info.name());
                cli.print(cli.text("info.address") + ": " + info.address());
                cli.print(cli.text("info.birth_date") + ": " + info.birthDate());
                cli.print(cli.text("info.sex") + ": " + cli.text("sex." + info.sex().name()));
            }
            return CardTool.EXIT_OK;
        });
    }
}
