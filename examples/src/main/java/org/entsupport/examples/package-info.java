/** Runnable examples of Aide &amp; Support. */
package org.entsupport.examples;
