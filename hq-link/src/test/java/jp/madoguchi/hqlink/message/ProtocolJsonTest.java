package jp.madoguchi.hqlink.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProtocolJsonTest {
    private static final Instant AT = Instant.parse("2026-11-23T17:44:00Z");
    private static final List<Check> CHECKS = List.of(new Check("signature", CheckStatus.PASSED, null),
            new Check("revocation", CheckStatus.INDETERMINATE, "CRL unreachable"));

    static Stream<Object> messages() {
        return Stream.of(
                new EnrolRequest("ABCD-2345", "Kita 1", "-----BEGIN CERTIFICATE REQUEST-----\nMII\n-----END CERTIFICATE REQUEST-----\n"),
                new EnrolResponse("booth-1", "cert", "ca", null),
                new EnrolResponse("booth-1", "cert", "ca", "hq-ca"),
                new ErrorResponse(ErrorCodes.CODE_EXPIRED, "expired 2026-11-01"),
                new Submission("juminhyo", "shimin", "eyJ9", "MIIcms"),
                new SubmissionReceipt("R-2026-000001", ApplicationStatus.VERIFICATION_FAILED, CHECKS, AT),
                new CallRequest("shimin", "juminhyo", true, "R-2026-000001"),
                new CallRequest("shimin", "talk", false, null),
                new CallTicket("call-1", 1, 0),
                new ClerkLoginRequest("sato", "pw 日本".toCharArray()),
                new ClerkLoginResponse("token", AT, "佐藤"),
                new ClerkQueues(List.of(new QueueSummary("shimin",
                        List.of(new QueuedCall("call-1", "juminhyo", true, 30, "R-1"), new QueuedCall("call-2", "talk", false, 5, null))))),
                new AnswerNextRequest("shimin"),
                new AnsweredCall("call-1", "room", "jwt", "meet.example", null),
                new AnsweredCall("call-1", "room", "jwt", "meet.example",
                        new ClerkApplication("R-1", "juminhyo", "eyJ9", "MII", ApplicationStatus.VERIFIED, CHECKS, AT)),
                new DecisionRequest("R-1", Outcome.REJECTED, "not a resident of this city"),
                new ClerkLoginResponse("token", AT, "佐藤", true),
                new ClerkQueues(List.of(new QueueSummary("shimin", List.of(new QueuedCall("call-1", "juminhyo", true, 30,
                        "R-1", "booth-1", "北部出張所 1", "北部出張所 1階", true)))),
                        List.of(new BoothPresence("booth-1", "北部出張所 1", "北部出張所 1階", true, BoothState.IN_CALL, AT),
                                new BoothPresence("booth-2", "南", "", false, null, null))),
                new AnswerNextRequest("shimin", "call-7"),
                new ShowOnBooth("こちらの書類をご覧ください", "iVBORw0KGgo=", "image/png"),
                ShowOnBooth.clear(),
                new ClerkHistory(List.of(
                        new HistoryEntry("call-1", "R-1", "juminhyo", "北部 1", "1階", AT, AT, "佐藤", Outcome.ACCEPTED, AT,
                                "鈴木", "お待たせしました"),
                        new HistoryEntry("call-2", null, "talk", "北部 1", "", AT, null, null, null, null, null, ""),
                        new HistoryEntry(null, "R-3", "", "", "", null, null, null, Outcome.REJECTED, AT, "佐藤", ""))),
                new EnrolmentCodeRequest("北部出張所 2", "北部出張所 2階", 24),
                new EnrolmentCodeResponse("ABCD-2345-EFGH", AT),
                new BoothList(List.of(new BoothHealth("booth-1", "北部 1", "1階", AT, null, true, BoothState.IDLE, AT, AT),
                        new BoothHealth("booth-2", "南", "", AT, AT, false, null, null, null),
                        new BoothHealth("booth-3", "東", "", AT, null, true, BoothState.IDLE, AT, AT, AT, AT))),
                new ClerkList(List.of(new ClerkAccountView("clerk-1", "sato", "佐藤", true, false, false, AT))),
                new NewClerkRequest("tanaka", "田中", "long enough password".toCharArray(), false));
    }

    @Test
    void messagesOfAnOlderHeadquartersStillParseWithDefaults() throws Exception {
        QueuedCall call = ProtocolJson.read("{\"callId\":\"c\",\"procedureId\":\"p\",\"priority\":false,"
                + "\"waitingSeconds\":3}", QueuedCall.class);
        assertEquals(new QueuedCall("c", "p", false, 3, null), call);
        assertEquals("", call.boothName());
        assertFalse(call.needsClerkCheck());
        assertEquals(List.of(), ProtocolJson.read("{\"v\":1,\"queues\":[]}", ClerkQueues.class).booths());
        assertFalse(ProtocolJson.read("{\"v\":1,\"token\":\"t\",\"expiresAt\":\"2026-11-23T17:44:00Z\","
                + "\"displayName\":\"佐藤\"}", ClerkLoginResponse.class).admin());
        assertFalse(ProtocolJson.read("{\"v\":1,\"token\":\"t\",\"expiresAt\":\"2026-11-23T17:44:00Z\","
                + "\"displayName\":\"佐藤\",\"admin\":null}", ClerkLoginResponse.class).admin());
        AnswerNextRequest next = ProtocolJson.read("{\"v\":1,\"routing\":\"shimin\"}", AnswerNextRequest.class);
        assertEquals(new AnswerNextRequest("shimin"), next);
        assertEquals(null, next.callId());
        assertEquals("{\"v\":1,\"routing\":\"shimin\"}", ProtocolJson.write(new AnswerNextRequest("shimin")));
        // and a newer message still reads as the older shape expects: unknown fields are ignored
        assertEquals(new ShowOnBooth("", "", ""), ProtocolJson.read("{\"v\":1}", ShowOnBooth.class));
    }

    @Test
    void newMessagesValidateTheirFields() {
        assertThrows(IllegalArgumentException.class, () -> new ShowOnBooth("x".repeat(501), "", ""));
        assertThrows(IllegalArgumentException.class, () -> new ShowOnBooth("", "AAAA", ""));
        assertThrows(IllegalArgumentException.class, () -> new ShowOnBooth("", "AAAA", "image/gif"));
        assertThrows(IllegalArgumentException.class, () -> new EnrolmentCodeRequest("b", "", 0));
        assertThrows(IllegalArgumentException.class, () -> new EnrolmentCodeRequest("b", "", 169));
        assertThrows(IllegalArgumentException.class, () -> new AnswerNextRequest("shimin", " "));
        assertThrows(IllegalArgumentException.class,
                () -> new HistoryEntry(null, null, "p", "", "", null, null, null, null, null, null, ""));
        assertFalse(new NewClerkRequest("a", "b", "hunter2hunter2".toCharArray(), true).toString().contains("hunter2"));
        assertFalse(new EnrolmentCodeResponse("ABCD-2345", AT).toString().contains("ABCD"));
        assertFalse(new ShowOnBooth("住所は", "", "").toString().contains("住所"));
        assertEquals("/api/v1/clerk/calls/call-1/show", Protocol.clerkShow("call-1"));
        assertEquals("/api/v1/clerk/admin/clerks/clerk-1/unlock",
                Protocol.adminPath(Protocol.CLERK_ADMIN_UNLOCK_CLERK, "clerk-1"));
        assertThrows(IllegalArgumentException.class, () -> Protocol.adminPath(Protocol.CLERK_ADMIN_REVOKE_BOOTH, "../x"));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void messagesRoundTripAndCarryTheVersion(Object message) throws Exception {
        String json = ProtocolJson.write(message);

        assertEquals(message, ProtocolJson.read(json, message.getClass()));
        assertTrue(json.contains("\"v\":1") || !hasVersion(message), json);
        assertFalse(json.contains("null"), "absent optional fields are omitted: " + json);
    }

    private static boolean hasVersion(Object message) {
        return message.getClass().isRecord() && message.getClass().getRecordComponents()[0].getName().equals("v");
    }

    static Stream<PresenceFrame> frames() {
        return Stream.of(new PresenceFrame.Hello(BoothState.IDLE), new PresenceFrame.Hello(BoothState.IDLE, AT, true),
                new PresenceFrame.Hello(BoothState.IDLE, AT, false), new PresenceFrame.State(BoothState.WITH_RESIDENT),
                new PresenceFrame.State(BoothState.IN_CALL), new PresenceFrame.Ping(1_790_000_000_000L),
                new PresenceFrame.Pong(42), new PresenceFrame.CallAnswered("call-1", "room", "jwt", "meet.example"),
                new PresenceFrame.Decision("R-1", Outcome.CORRECTION_NEEDED, "please add the purpose"),
                new PresenceFrame.QueuePosition("call-1", 3), new PresenceFrame.CallReturned("call-1", 1));
    }

    @ParameterizedTest
    @MethodSource("frames")
    void framesRoundTripWithTheirType(PresenceFrame frame) throws Exception {
        String json = ProtocolJson.write(frame);

        assertEquals(frame, ProtocolJson.readFrame(json));
        assertTrue(json.startsWith("{\"type\":\""), json);
        assertTrue(json.contains("\"v\":1"), json);
    }

    @Test
    void framesUseTheDocumentedNamesAndValues() throws Exception {
        assertEquals("{\"type\":\"state\",\"v\":1,\"state\":\"with_resident\"}",
                ProtocolJson.write(new PresenceFrame.State(BoothState.WITH_RESIDENT)));
        assertEquals("{\"type\":\"queue\",\"v\":1,\"callId\":\"c\",\"position\":2}",
                ProtocolJson.write(new PresenceFrame.QueuePosition("c", 2)));
        assertEquals("{\"type\":\"call_returned\",\"v\":1,\"callId\":\"c\",\"position\":1}",
                ProtocolJson.write(new PresenceFrame.CallReturned("c", 1)));
        assertThrows(ProtocolException.class, () -> ProtocolJson.readFrame(
                "{\"type\":\"call_returned\",\"v\":1,\"position\":1}"), "a call_returned frame names its call");
        assertEquals(new PresenceFrame.Decision("R-9", Outcome.CORRECTION_NEEDED, "x"), ProtocolJson.readFrame(
                "{\"v\":1,\"outcome\":\"correction_needed\",\"message\":\"x\",\"reference\":\"R-9\",\"type\":\"decision\"}"));
    }

    @Test
    void helloSaysWhenTheBoothStartedAndWhetherItsLastRunStoppedUncleanlyOnlyWhenItKnows() throws Exception {
        assertEquals("{\"type\":\"hello\",\"v\":1,\"state\":\"idle\"}",
                ProtocolJson.write(new PresenceFrame.Hello(BoothState.IDLE)));
        assertEquals("{\"type\":\"hello\",\"v\":1,\"state\":\"idle\",\"startedAt\":\"2026-11-23T17:44:00Z\","
                + "\"restartedAfter\":\"unclean_stop\"}",
                ProtocolJson.write(new PresenceFrame.Hello(BoothState.IDLE, AT, true)));
        assertEquals("{\"type\":\"hello\",\"v\":1,\"state\":\"in_call\",\"startedAt\":\"2026-11-23T17:44:00Z\"}",
                ProtocolJson.write(new PresenceFrame.Hello(BoothState.IN_CALL, AT, false)));

        // an older booth's hello: neither field
        PresenceFrame.Hello old = (PresenceFrame.Hello) ProtocolJson.readFrame("{\"type\":\"hello\",\"v\":1,\"state\":\"idle\"}");
        assertEquals(new PresenceFrame.Hello(BoothState.IDLE), old);
        assertEquals(null, old.startedAt());
        assertFalse(old.afterUncleanStop());

        // a newer booth's own reason still counts as unclean; an empty one as none
        PresenceFrame.Hello newer = (PresenceFrame.Hello) ProtocolJson.readFrame("{\"type\":\"hello\",\"v\":1,"
                + "\"state\":\"idle\",\"startedAt\":\"2026-11-23T17:44:00Z\",\"restartedAfter\":\"watchdog\",\"x\":1}");
        assertTrue(newer.afterUncleanStop());
        assertEquals(AT, newer.startedAt());
        assertFalse(((PresenceFrame.Hello) ProtocolJson.readFrame("{\"type\":\"hello\",\"v\":1,\"state\":\"idle\","
                + "\"restartedAfter\":\"\"}")).afterUncleanStop());
        assertThrows(ProtocolException.class, () -> ProtocolJson.readFrame("{\"type\":\"hello\",\"v\":1,"
                + "\"state\":\"idle\",\"startedAt\":\"yesterday\"}"));
    }

    @Test
    void boothHealthWithoutTheStartFieldsReadsAsBefore() throws Exception {
        BoothList list = ProtocolJson.read("{\"v\":1,\"booths\":[{\"boothId\":\"b\",\"name\":\"n\",\"location\":\"\","
                + "\"enrolledAt\":\"2026-11-23T17:44:00Z\",\"online\":false}]}", BoothList.class);
        assertEquals(new BoothHealth("b", "n", "", AT, null, false, null, null, null), list.booths().get(0));
        assertEquals(null, list.booths().get(0).lastUncleanRestartAt());
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        CallTicket ticket = ProtocolJson.read(
                "{\"v\":1,\"callId\":\"c\",\"position\":2,\"estimatedWaitSeconds\":60,\"clerkMood\":{\"happy\":true}}", CallTicket.class);
        assertEquals(new CallTicket("c", 2, 60), ticket);
    }

    @Test
    void unknownEnumValuesReadAsUnknown() throws Exception {
        SubmissionReceipt receipt = ProtocolJson.read("{\"v\":1,\"reference\":\"R\",\"status\":\"quarantined\","
                + "\"checks\":[{\"check\":\"timestamp\",\"status\":\"skipped\"}],\"receivedAt\":\"2026-11-23T17:44:00Z\"}",
                SubmissionReceipt.class);
        assertEquals(ApplicationStatus.UNKNOWN, receipt.status());
        assertEquals(CheckStatus.UNKNOWN, receipt.checks().get(0).status());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("{\"v\":1,\"boothId\":\"b\",\"caCertificatePem\":\"c\"}", EnrolResponse.class,
                        "enrol response: missing required field 'certificatePem'"),
                Arguments.of("{\"v\":1,\"boothId\":\"b\",\"certificatePem\":null,\"caCertificatePem\":\"c\"}", EnrolResponse.class,
                        "missing required field 'certificatePem'"),
                Arguments.of("{\"v\":1,\"boothId\":\"  \",\"certificatePem\":\"x\",\"caCertificatePem\":\"c\"}", EnrolResponse.class,
                        "required field 'boothId' is empty"),
                Arguments.of("{\"boothId\":\"b\",\"certificatePem\":\"x\",\"caCertificatePem\":\"c\"}", EnrolResponse.class,
                        "field 'v' is missing, null or not a whole number"),
                Arguments.of("{\"v\":2,\"boothId\":\"b\",\"certificatePem\":\"x\",\"caCertificatePem\":\"c\"}", EnrolResponse.class,
                        "unsupported protocol version v=2"),
                Arguments.of("{\"v\":1,\"routing\":\"r\",\"procedureId\":\"p\"}", CallRequest.class,
                        "field 'priority' is missing, null or not true or false"),
                Arguments.of("{\"v\":1,\"callId\":\"c\",\"position\":\"third\",\"estimatedWaitSeconds\":1}", CallTicket.class,
                        "field 'position' is missing, null or not a whole number"),
                Arguments.of("{\"v\":1,\"callId\":\"c\",\"position\":2.5,\"estimatedWaitSeconds\":1}", CallTicket.class,
                        "field 'position'"),
                Arguments.of("{\"v\":1,\"callId\":\"c\",\"position\":-1,\"estimatedWaitSeconds\":1}", CallTicket.class,
                        "field 'position' is negative"),
                Arguments.of("{\"v\":1,\"reference\":\"R\",\"status\":\"verified\",\"checks\":[{\"status\":\"passed\"}],"
                        + "\"receivedAt\":\"2026-11-23T17:44:00Z\"}", SubmissionReceipt.class,
                        "check: missing required field 'check'"),
                Arguments.of("{\"v\":1,\"reference\":\"R\",\"status\":\"verified\",\"checks\":[],\"receivedAt\":\"yesterday\"}",
                        SubmissionReceipt.class, "field 'receivedAt' is missing, null or not an ISO-8601 instant"),
                Arguments.of("{\"v\":1,\"reference\":\"R\",\"status\":\"verified\",\"receivedAt\":\"2026-11-23T17:44:00Z\"}",
                        SubmissionReceipt.class, "missing required field 'checks'"),
                Arguments.of("{\"v\":1,\"callId\":\"c\",\"position\":1,\"estimatedWaitSeconds\":1} {}", CallTicket.class,
                        "not a single JSON object"),
                Arguments.of("[1,2]", CallTicket.class, "not a single JSON object"),
                Arguments.of("{\"v\":1,\"callId\":", CallTicket.class, "not JSON (at line 1"),
                Arguments.of("personal data that is not JSON", CallTicket.class, "not JSON"),
                Arguments.of("", CallTicket.class, "empty body"),
                Arguments.of("null", CallTicket.class, "null instead of an object"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedMessagesAreRejectedSayingWhereAndWhy(String json, Class<?> type, String expected) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> ProtocolJson.read(json, type));

        assertTrue(e.getMessage().startsWith("malformed " + type.getSimpleName() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("third") || e.getMessage().contains("yesterday")
                || e.getMessage().contains("personal"), "values are not quoted: " + e.getMessage());
    }

    @Test
    void malformedFramesAreRejected() {
        assertEquals("fireworks", assertThrows(ProtocolException.UnknownFrameType.class,
                () -> ProtocolJson.readFrame("{\"v\":1,\"type\":\"fireworks\"}")).frameType());
        assertFalse(assertThrows(ProtocolException.class, () -> ProtocolJson.readFrame("{\"v\":1,\"state\":\"idle\"}"))
                instanceof ProtocolException.UnknownFrameType);
        assertTrue(assertThrows(ProtocolException.class, () -> ProtocolJson.readFrame("{\"type\":\"pong\",\"v\":1}"))
                .getMessage().contains("field 't'"));
        assertTrue(assertThrows(ProtocolException.class, () -> ProtocolJson.readFrame("{\"type\":\"pong\",\"t\":1}"))
                .getMessage().contains("field 'v'"));
        assertTrue(assertThrows(ProtocolException.class,
                () -> ProtocolJson.readFrame("{\"type\":\"call_answered\",\"v\":1,\"callId\":\"c\",\"room\":\"r\",\"jitsiDomain\":\"d\"}"))
                .getMessage().contains("call_answered frame: missing required field 'jwt'"));
        assertTrue(assertThrows(ProtocolException.class, () -> ProtocolJson.readFrame("{\"type\":\"hello\",\"v\":1}"))
                .getMessage().contains("hello frame: missing required field 'state'"));
    }

    @Test
    void secretsStayOutOfToString() {
        assertFalse(new ClerkLoginRequest("sato", "hunter2".toCharArray()).toString().contains("hunter2"));
        assertFalse(new PresenceFrame.CallAnswered("c", "r", "eyJsecret", "d").toString().contains("eyJsecret"));
        assertFalse(new Submission("f", "r", "eyJcontent", "MIIsig").toString().contains("eyJcontent"));
        ClerkLoginRequest login = new ClerkLoginRequest("sato", "hunter2".toCharArray());
        login.wipe();
        assertEquals("\0\0\0\0\0\0\0", new String(login.password()));
    }

    @Test
    void decisionsCannotBeSentWithAnUnknownOutcome() {
        assertThrows(IllegalArgumentException.class, () -> new DecisionRequest("R-1", Outcome.UNKNOWN, ""));
        assertThrows(IllegalArgumentException.class, () -> Protocol.call("../clerk/queues"));
        assertEquals("/api/v1/calls/call-7", Protocol.call("call-7"));
    }

    @Test
    void theSharedMapperReadsWhatItWrites() throws Exception {
        var mapper = ProtocolJson.newMapper();
        String json = mapper.writeValueAsString(new SubmissionReceipt("R-1", ApplicationStatus.VERIFIED, CHECKS, AT));
        assertTrue(json.contains("\"receivedAt\":\"2026-11-23T17:44:00Z\""), json);
        assertInstanceOf(SubmissionReceipt.class, mapper.readValue(json, SubmissionReceipt.class));
    }
}
