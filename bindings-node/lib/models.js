"use strict";
/**
 * Request and response shapes, with the API's own (snake_case) field names. Enum-like fields
 * list the values this version knows and accept any other string Moment may add.
 */
Object.defineProperty(exports, "__esModule", { value: true });
