/** Thrown by the fast reader's modules for a shape they do not reproduce: the caller uses postal-mime. */
export class Unusual extends Error {}
