/** Types of the embed stage: an encoder turns paragraphs into unit vectors. */
export {};
