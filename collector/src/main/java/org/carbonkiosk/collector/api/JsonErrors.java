package org.carbonkiosk.collector.api;

import java.nio.ByteBuffer;
import org.carbonkiosk.protocol.json.StrictJson;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/** Jetty's own errors (headers too large, bad request lines) as the API's JSON errors. */
final class JsonErrors extends ErrorHandler {
    @Override
    protected void generateResponse(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                    int code, String message, Throwable cause, Callback callback) {
        byte[] body = bytes(code, message);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(bytes(status, reason));
    }

    private static byte[] bytes(int code, String message) {
        var o = StrictJson.newObject();
        o.put("error", code == 431 ? "headers-too-large" : code == 413 ? "too-large" : "bad-request");
        o.put("message", message == null ? "HTTP " + code : message);
        return StrictJson.write(o);
    }
}
