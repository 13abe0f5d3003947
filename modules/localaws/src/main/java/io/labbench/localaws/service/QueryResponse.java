package io.labbench.localaws.service;

import io.labbench.localaws.AwsReply;
import io.labbench.localaws.Xml;
import java.util.UUID;
import java.util.function.Consumer;

/** The query protocol's answer frame: {@code <XResponse><XResult>…</XResult><ResponseMetadata>…}. */
final class QueryResponse {

    private QueryResponse() {
    }

    static AwsReply of(String action, String xmlns, Consumer<Xml> result) {
        Xml xml = Xml.document().open(action + "Response", xmlns).open(action + "Result");
        result.accept(xml);
        return AwsReply.xml(xml.close(action + "Result").open("ResponseMetadata").el("RequestId", UUID.randomUUID())
                .close("ResponseMetadata").close(action + "Response").toString());
    }

    /** An action whose answer carries no result element (AttachRolePolicy). */
    static AwsReply empty(String action, String xmlns) {
        return AwsReply.xml(Xml.document().open(action + "Response", xmlns).open("ResponseMetadata").el("RequestId", UUID.randomUUID())
                .close("ResponseMetadata").close(action + "Response").toString());
    }
}
