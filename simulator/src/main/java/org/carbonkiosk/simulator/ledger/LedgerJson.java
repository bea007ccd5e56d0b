package org.carbonkiosk.simulator.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.carbonkiosk.protocol.json.StrictJson;
import org.carbonkiosk.protocol.message.CreditRequest;

/** The stub ledger's answer bodies (PROTOCOL.md section 7). */
final class LedgerJson {
    private LedgerJson() {
    }

    static byte[] accepted(CreditRequest request) {
        ObjectNode o = StrictJson.newObject();
        o.put("creditId", request.creditId());
        o.put("status", "stored");
        o.put("account", request.account());
        o.put("month", request.month());
        o.put("grams", request.grams());
        return StrictJson.write(o);
    }

    static byte[] error(String code, String message) {
        ObjectNode o = StrictJson.newObject();
        o.put("error", code);
        o.put("message", message);
        return StrictJson.write(o);
    }
}
