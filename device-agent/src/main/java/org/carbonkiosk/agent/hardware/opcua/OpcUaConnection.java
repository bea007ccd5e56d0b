package org.carbonkiosk.agent.hardware.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;
import org.tinylog.Logger;

/**
 * One OPC UA session to a kiosk's PLC through the Eclipse Milo client: security policy None,
 * anonymous. Connects on first use; any failed read or write drops the session, so the next
 * call connects again (the PLC rebooting or the cable being pulled heals by itself).
 */
public final class OpcUaConnection implements AutoCloseable {
    private final String endpointUrl;
    private final long timeoutMillis;
    private OpcUaClient client;

    public OpcUaConnection(String endpointUrl, long timeoutMillis) {
        this.endpointUrl = endpointUrl;
        this.timeoutMillis = timeoutMillis;
    }

    /** The node's value (a boxed Java/Milo value; null if the node holds none). */
    public synchronized Object read(NodeId node) throws IOException {
        OpcUaClient c = client();
        try {
            DataValue value = c.readValue(0.0, TimestampsToReturn.Neither, node).get(timeoutMillis, TimeUnit.MILLISECONDS);
            StatusCode status = value.getStatusCode();
            if (status != null && status.isBad()) {
                throw new IOException("OPC UA read of " + node.toParseableString() + " failed: " + status);
            }
            return value.getValue().getValue();
        } catch (ExecutionException | TimeoutException e) {
            drop(e);
            throw new IOException("OPC UA read of " + node.toParseableString() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted reading " + node.toParseableString());
        }
    }

    public synchronized void write(NodeId node, Object value) throws IOException {
        OpcUaClient c = client();
        try {
            StatusCode status = c.writeValue(node, DataValue.valueOnly(new Variant(value)))
                    .get(timeoutMillis, TimeUnit.MILLISECONDS);
            if (status.isBad()) {
                throw new IOException("OPC UA write of " + node.toParseableString() + " refused: " + status);
            }
        } catch (ExecutionException | TimeoutException e) {
            drop(e);
            throw new IOException("OPC UA write of " + node.toParseableString() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted writing " + node.toParseableString());
        }
    }

    private OpcUaClient client() throws IOException {
        if (client != null) {
            return client;
        }
        String host = URI.create(endpointUrl).getHost();
        try {
            OpcUaClient c = OpcUaClient.create(endpointUrl,
                    endpoints -> endpoints.stream()
                            .filter(e -> SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri()))
                            .findFirst()
                            .map(e -> EndpointUtil.updateUrl(e, host)), // the PLC may advertise a name we cannot resolve
                    builder -> builder.setApplicationName(LocalizedText.english("Carbon Kiosk agent"))
                            .setApplicationUri("urn:carbonkiosk:agent")
                            .setRequestTimeout(uint(timeoutMillis))
                            .build());
            c.connect().get(timeoutMillis, TimeUnit.MILLISECONDS);
            Logger.info("OPC UA connected to {}", endpointUrl);
            client = c;
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted connecting to " + endpointUrl);
        } catch (Exception e) {
            throw new IOException("cannot connect to OPC UA server " + endpointUrl + ": " + e.getMessage(), e);
        }
    }

    private void drop(Exception cause) {
        Logger.warn("OPC UA session to {} dropped: {}", endpointUrl, cause.toString());
        OpcUaClient c = client;
        client = null;
        if (c != null) {
            c.disconnect();
        }
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            try {
                client.disconnect().get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                Logger.debug("OPC UA disconnect: {}", e.toString());
            }
            client = null;
        }
    }
}
