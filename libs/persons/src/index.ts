export * from './persons.module.js';
export * from './persons.service.js';
export * from './dto/person-response.js';
export * from './rules/person-enums.js';
export * from './rules/person-rules.js';
export * from './verified-data.js';
export { PersonEntity } from './entities/person.entity.js';
export { maskPerson, lastDigits, birthYearOnly } from './admin/person-masking.js';
