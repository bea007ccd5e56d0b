package org.carbonkiosk.agent.hardware.opcua;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.api.DataItem;
import org.eclipse.milo.opcua.sdk.server.api.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.api.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.api.config.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.server.EndpointConfiguration;
import org.eclipse.milo.opcua.stack.server.security.DefaultServerCertificateValidator;

/**
 * A PLC's OPC UA server for tests: Milo sdk-server on 127.0.0.1 (an ephemeral port), security
 * None, anonymous, one namespace {@code urn:carbonkiosk:test-plc} with string node ids.
 */
public final class TestPlcServer implements AutoCloseable {
    static final String NAMESPACE = "urn:carbonkiosk:test-plc";
    private final OpcUaServer server;
    private final PlcNamespace namespace;
    private final int port;
    private final File pki;

    private TestPlcServer(Map<String, Object> nodes, int fixedPort) throws Exception {
        if (fixedPort > 0) {
            port = fixedPort;
        } else {
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
        }
        pki = Files.createTempDirectory("test-plc-pki").toFile();
        DefaultTrustListManager trust = new DefaultTrustListManager(pki);
        EndpointConfiguration endpoint = EndpointConfiguration.newBuilder()
                .setBindAddress("127.0.0.1").setHostname("127.0.0.1").setBindPort(port).setPath("/plc")
                .setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None)
                .addTokenPolicies(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS)
                .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                .build();
        OpcUaServerConfig config = OpcUaServerConfig.builder()
                .setApplicationUri("urn:carbonkiosk:test-plc:server")
                .setApplicationName(LocalizedText.english("test PLC"))
                .setProductUri("urn:carbonkiosk:test-plc")
                .setEndpoints(Set.of(endpoint))
                .setCertificateManager(new DefaultCertificateManager())
                .setTrustListManager(trust)
                .setCertificateValidator(new DefaultServerCertificateValidator(trust))
                .setIdentityValidator(new AnonymousIdentityValidator())
                .build();
        server = new OpcUaServer(config);
        namespace = new PlcNamespace(server, nodes);
        namespace.startup();
        server.startup().get(20, TimeUnit.SECONDS);
    }

    /** Starts a server with these nodes ({@code name -> initial value}; the value's type is the node's type). */
    public static TestPlcServer start(Map<String, Object> nodes) throws Exception {
        return new TestPlcServer(nodes, 0);
    }

    /** Starts a server again on the port of one that was closed (a PLC rebooting). */
    static TestPlcServer restart(Map<String, Object> nodes, int port) throws Exception {
        return new TestPlcServer(nodes, port);
    }

    int port() {
        return port;
    }

    public String endpointUrl() {
        return "opc.tcp://127.0.0.1:" + port + "/plc";
    }

    int namespaceIndex() {
        return namespace.getNamespaceIndex().intValue();
    }

    /** The node id as the agent's config writes it. */
    public String nodeId(String name) {
        return "ns=" + namespaceIndex() + ";s=" + name;
    }

    public Object value(String name) {
        return namespace.nodes.get(name).getValue().getValue().getValue();
    }

    public void set(String name, Object value) {
        namespace.nodes.get(name).setValue(new DataValue(new Variant(value)));
    }

    @Override
    public void close() throws Exception {
        server.shutdown().get(20, TimeUnit.SECONDS);
        namespace.shutdown();
        try (var files = Files.walk(pki.toPath())) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp folder
        }
    }

    private static final class PlcNamespace extends ManagedNamespaceWithLifecycle {
        final Map<String, UaVariableNode> nodes = new ConcurrentHashMap<>();

        PlcNamespace(OpcUaServer server, Map<String, Object> initial) {
            super(server, NAMESPACE);
            getLifecycleManager().addStartupTask(() -> initial.forEach(this::addVariable));
        }

        private void addVariable(String name, Object value) {
            NodeId type = dataType(value);
            UaVariableNode node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                    .setNodeId(newNodeId(name))
                    .setAccessLevel(AccessLevel.READ_WRITE)
                    .setUserAccessLevel(AccessLevel.READ_WRITE)
                    .setBrowseName(newQualifiedName(name))
                    .setDisplayName(LocalizedText.english(name))
                    .setDataType(type)
                    .setTypeDefinition(Identifiers.BaseDataVariableType)
                    .build();
            node.setValue(new DataValue(new Variant(value)));
            getNodeManager().addNode(node);
            nodes.put(name, node);
        }

        private static NodeId dataType(Object value) {
            if (value instanceof Boolean) {
                return Identifiers.Boolean;
            }
            if (value instanceof Double) {
                return Identifiers.Double;
            }
            if (value instanceof Short) {
                return Identifiers.Int16;
            }
            if (value instanceof Integer) {
                return Identifiers.Int32;
            }
            if (value instanceof String) {
                return Identifiers.String;
            }
            if (value instanceof org.eclipse.milo.opcua.stack.core.types.builtin.ByteString) {
                return Identifiers.ByteString;
            }
            throw new IllegalArgumentException("no data type for " + value.getClass());
        }

        @Override
        public void onDataItemsCreated(List<DataItem> items) {
        }

        @Override
        public void onDataItemsModified(List<DataItem> items) {
        }

        @Override
        public void onDataItemsDeleted(List<DataItem> items) {
        }

        @Override
        public void onMonitoringModeChanged(List<MonitoredItem> items) {
        }
    }
}
