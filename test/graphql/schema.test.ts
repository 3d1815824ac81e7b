import { buildSchema, isEnumType, isInputObjectType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../../src/server.js';

const schema = buildSchema(loadTypeDefs().join('\n'));
const ownTypes = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__'));

describe('the schema', () => {
  it('describes every type, field, argument, input field and enum value', () => {
    const missing: string[] = [];
    for (const type of ownTypes) {
      if (!type.description && !['String', 'Boolean', 'Int', 'Float', 'ID'].includes(type.name)) {
        missing.push(type.name);
      }
      if (isObjectType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) {
          if (!value.description) missing.push(`${type.name}.${value.name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('uses camelCase field names and Relay connections for lists', () => {
    for (const type of ownTypes) {
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        expect(field.name).toMatch(/^[a-z][A-Za-z0-9]*$/);
      }
      if (type.name.endsWith('Connection')) {
        expect(Object.keys(type.getFields()).sort()).toEqual([
          'edges',
          'nodes',
          'pageInfo',
          'totalCount',
        ]);
      }
    }
  });

  it('exposes an etag on every object DCI versions', () => {
    for (const name of [
      'Product',
      'Topic',
      'Component',
      'Job',
      'File',
      'RemoteCI',
      'Team',
      'Pipeline',
    ]) {
      const type = schema.getType(name);
      expect(isObjectType(type) && type.getFields()['etag']).toBeTruthy();
    }
  });
});
