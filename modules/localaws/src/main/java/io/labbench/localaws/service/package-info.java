/**
 * One class per AWS service the local endpoint emulates, each turning a verified request into the
 * service's own wire answer; {@link io.labbench.localaws.service.ServiceApi} is what they share.
 */
package io.labbench.localaws.service;
