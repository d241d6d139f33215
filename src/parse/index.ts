/**
 * parse: pure text → structure (the contract in ../shared/contracts). No IO, no clock, no DB.
 * PROVISIONAL stub until the parser lands: it returns an empty structure.
 */
import { emptyStructure, type ParsedDocument } from '../domain/index.js';

export interface ParseHints {
  /** File name, used only as weak evidence for kind and date. */
  fileName?: string;
}

export function parseDocument(text: string, _hints: ParseHints = {}): ParsedDocument {
  void text;
  return emptyStructure();
}
