/**
 * The documents of an identification, as `GET …/identifications/{id}?include_documents=true` lists
 * them. A port: the documents lib implements it, so arrows stay documents -> identifications.
 */
export abstract class IdentificationDocuments {
  abstract listForIdentification(partnerId: string, identificationId: string): Promise<object[]>;
}
