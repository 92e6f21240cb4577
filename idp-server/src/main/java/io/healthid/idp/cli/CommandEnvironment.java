package io.healthid.idp.cli;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * The server's configuration, resolved for a command-line tool exactly as the server resolves it (application.yml,
 * environment variables, {@code --name=value} options, embedded defaults) without starting the server itself.
 */
public final class CommandEnvironment implements AutoCloseable {

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }

    private final ConfigurableApplicationContext context;
    private final List<String> arguments;

    private CommandEnvironment(ConfigurableApplicationContext context, List<String> arguments) {
        this.context = context;
        this.arguments = arguments;
    }

    /** @param args the command's arguments: {@code --name=value} options configure, the others are the command's own */
    public static CommandEnvironment resolve(String[] args, String... extraOptions) {
        List<String> options = new ArrayList<>(List.of(extraOptions));
        List<String> arguments = new ArrayList<>();
        for (String arg : args) {
            (arg.startsWith("--") && arg.contains("=") ? options : arguments).add(arg);
        }
        options.add("--idp.embedded.redis.enabled=false");
        options.add("--spring.main.banner-mode=off");
        options.add("--logging.level.root=WARN");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Empty.class)
            .web(WebApplicationType.NONE)
            .logStartupInfo(false)
            .run(options.toArray(String[]::new));
        return new CommandEnvironment(context, List.copyOf(arguments));
    }

    /** The server's database, as {@code spring.r2dbc.*} names it. */
    static ConnectionFactory connectionFactory(Environment environment) {
        return ConnectionFactories.get(ConnectionFactoryOptions
            .parse(environment.getRequiredProperty("spring.r2dbc.url"))
            .mutate()
            .option(ConnectionFactoryOptions.USER, environment.getProperty("spring.r2dbc.username", ""))
            .option(ConnectionFactoryOptions.PASSWORD, environment.getProperty("spring.r2dbc.password", ""))
            .build());
    }

    public ConfigurableEnvironment environment() {
        return this.context.getEnvironment();
    }

    /** The arguments that are not options. */
    public List<String> arguments() {
        return this.arguments;
    }

    @Override
    public void close() {
        this.context.close();
    }
}
