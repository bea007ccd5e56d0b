package org.carbonkiosk.provisioning.app;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import org.carbonkiosk.config.ConfigException;
import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.ProvisionException;
import org.carbonkiosk.provisioning.calibrate.CalibrateCommand;
import org.carbonkiosk.provisioning.cli.Environment;
import org.carbonkiosk.provisioning.cli.ProvisionCommand;
import org.carbonkiosk.provisioning.enroll.EnrollCommand;
import org.carbonkiosk.provisioning.enroll.ImportCommand;
import org.carbonkiosk.provisioning.init.InitCommand;
import org.carbonkiosk.provisioning.keys.RevokeCommand;
import org.carbonkiosk.provisioning.keys.RotateKeyCommand;
import org.carbonkiosk.provisioning.mosquitto.MosquittoCommand;
import org.carbonkiosk.provisioning.selftest.SelfTestCommand;
import org.carbonkiosk.provisioning.servicecard.ServiceCardCommand;
import org.tinylog.Logger;
import picocli.CommandLine;

/**
 * Builds the picocli command line with every sub-command, given an {@link Environment}; errors
 * become one plain line on stderr and the exit code of {@link ExitCodes}.
 */
public final class Tool {
    private Tool() {
    }

    public static CommandLine commandLine(Environment env) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                try {
                    Constructor<K> withEnv = cls.getDeclaredConstructor(Environment.class);
                    return withEnv.newInstance(env);
                } catch (NoSuchMethodException e) {
                    return CommandLine.defaultFactory().create(cls);
                }
            }
        };
        CommandLine cmd = new CommandLine(new ProvisionCommand(), factory);
        for (Class<?> sub : Commands.ALL) {
            cmd.addSubcommand(new CommandLine(sub, factory));
        }
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            int code;
            if (e instanceof ProvisionException p) {
                err.println("error: " + p.getMessage());
                code = p.exitCode();
            } else if (e instanceof ConfigException c) {
                err.println("error: " + c.getMessage());
                code = ExitCodes.LOCAL_STATE;
            } else {
                Logger.error(e, "unexpected error");
                err.println("error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
                        + " (this is a bug in the tool; the log has details)");
                code = ExitCodes.INTERNAL;
            }
            err.flush();
            return code;
        });
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        return cmd;
    }

    /** The registered sub-commands. */
    static final class Commands {
        static final Class<?>[] ALL = {InitCommand.class, EnrollCommand.class, ImportCommand.class,
            CalibrateCommand.class, SelfTestCommand.class, RotateKeyCommand.class, RevokeCommand.class,
            MosquittoCommand.class, ServiceCardCommand.class};

        private Commands() {
        }
    }
}
