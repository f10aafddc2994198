package io.streampatterns.harness.conformance.broken;

import io.streampatterns.core.Capability;
import java.util.EnumSet;
import java.util.Set;

/**
 * Broken: {@link JsonToDeltaJob} claiming KEEPS_UNKNOWN_FIELDS, while {@code from_json} drops every
 * member outside its schema: the field producers added is nowhere in the table. The schema
 * evolution check must fail, saying none of the records sent with the field keep it.
 */
public class DropsUnknownFields extends JsonToDeltaJob {

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.copyOf(super.capabilities());
        capabilities.add(Capability.KEEPS_UNKNOWN_FIELDS);
        return capabilities;
    }
}
