package dev.gatehouse.emulator.template;

import dev.gatehouse.emulator.config.GatehouseConfig;

import java.util.List;

/**
 * A template read into Gatehouse's configuration, with what it names that Gatehouse does not emulate.
 *
 * @param config      the same configuration the JSON file would give
 * @param notEmulated each resource (or event, or setting) read but not emulated, e.g. {@code AWS::S3::Bucket Uploads}
 */
public record StackTemplate(GatehouseConfig config, List<String> notEmulated) {

    /** The start-up warning, e.g. {@code not emulated: AWS::S3::Bucket Uploads, AWS::SQS::Queue Jobs}; empty if none. */
    public String warning() {
        return notEmulated.isEmpty() ? "" : "not emulated: " + String.join(", ", notEmulated);
    }
}
