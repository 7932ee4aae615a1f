/** Reading components' settings (samplers, pruners) from plain maps, with errors that name the key. */
package io.hpo4j.tuner.settings;
