/** Types of the ANN ("index") stage. */
export {};
