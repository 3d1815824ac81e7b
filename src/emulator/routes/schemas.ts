/**
 * The column lists of each listed resource (the model's own columns, §3.2): valid `sort`,
 * `where` and `query` keys, with column types deciding how filters compare.
 */
import { JOB_STATUS_ENUM, type ResourceSchema, STATE_ENUM } from '../query-language.js';

const base = {
  id: 'uuid',
  created_at: 'datetime',
  updated_at: 'datetime',
  etag: 'string',
  state: 'string',
} as const;
const enums = { state: STATE_ENUM };

/** `/products`. */
export const PRODUCT: ResourceSchema = {
  columns: { ...base, name: 'string', label: 'string', description: 'string' },
  defaultSort: '-created_at',
  enums,
};

/** `/topics`. */
export const TOPIC: ResourceSchema = {
  columns: {
    ...base,
    name: 'string',
    component_types: 'json',
    component_types_optional: 'json',
    product_id: 'uuid',
    next_topic_id: 'uuid',
    export_control: 'bool',
    data: 'json',
  },
  defaultSort: '-created_at',
  enums,
};

/** `/components` and `/topics/<id>/components`: default sort `-released_at` (§3.2). */
export const COMPONENT: ResourceSchema = {
  columns: {
    ...base,
    released_at: 'datetime',
    name: 'string',
    display_name: 'string',
    version: 'string',
    uid: 'string',
    type: 'string',
    canonical_project_name: 'string',
    title: 'string',
    message: 'string',
    url: 'string',
    data: 'json',
    topic_id: 'uuid',
    team_id: 'uuid',
    tags: 'array',
  },
  defaultSort: '-released_at',
  enums,
};

/** `/jobs`: job columns only, no relation can be filtered (§4.4). */
export const JOB: ResourceSchema = {
  columns: {
    ...base,
    name: 'string',
    comment: 'string',
    status_reason: 'string',
    configuration: 'string',
    url: 'string',
    status: 'string',
    duration: 'int',
    topic_id: 'uuid',
    product_id: 'uuid',
    remoteci_id: 'uuid',
    team_id: 'uuid',
    pipeline_id: 'uuid',
    previous_job_id: 'uuid',
    update_previous_job_id: 'uuid',
    user_agent: 'string',
    client_version: 'string',
    tags: 'array',
    data: 'json',
  },
  defaultSort: '-created_at',
  enums: { ...enums, status: JOB_STATUS_ENUM },
};

/** `/jobs/<id>/jobstates`: no etag, updated_at or state (§4.5). */
export const JOBSTATE: ResourceSchema = {
  columns: {
    id: 'uuid',
    created_at: 'datetime',
    status: 'string',
    comment: 'string',
    job_id: 'uuid',
  },
  defaultSort: '-created_at',
  enums: { status: JOB_STATUS_ENUM },
};

/** `/jobs/<id>/files`. */
export const FILE: ResourceSchema = {
  columns: {
    ...base,
    name: 'string',
    mime: 'string',
    md5: 'string',
    size: 'int',
    jobstate_id: 'uuid',
    job_id: 'uuid',
    team_id: 'uuid',
  },
  defaultSort: '-created_at',
  enums,
};

/** `/remotecis` and `/teams/<id>/remotecis`. */
export const REMOTECI: ResourceSchema = {
  columns: {
    ...base,
    name: 'string',
    data: 'json',
    api_secret: 'string',
    team_id: 'uuid',
    public: 'bool',
  },
  defaultSort: '-created_at',
  enums,
};

/** `/teams`. */
export const TEAM: ResourceSchema = {
  columns: {
    ...base,
    name: 'string',
    country: 'string',
    external: 'bool',
    has_pre_release_access: 'bool',
  },
  defaultSort: '-created_at',
  enums,
};

/** `/pipelines`. */
export const PIPELINE: ResourceSchema = {
  columns: { ...base, name: 'string', team_id: 'uuid' },
  defaultSort: '-created_at',
  enums,
};
