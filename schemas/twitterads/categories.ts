/** The IAB and content categories (global lists; content categories map to IAB ones). */
import { defineApiTable } from '../../src/catalog/api-table-schema.js';

export const iabCategories = defineApiTable({
  name: 'IabCategories',
  aliases: ['AdIabCategories'],
  description: 'IAB content categories (IAB1, IAB1-1, ...) used for app and publisher categories.',
  endpoint: '/iab_categories',
  paging: { defaultPageSize: 200, maxPageSize: 1000 },
  columns: [
    { name: 'Id', type: 'String', key: true, description: 'IAB category id, e.g. IAB1-1.' },
    { name: 'Name', type: 'String', description: 'Category name.' },
    { name: 'ParentId', type: 'String', description: 'The parent category; NULL for a top-level one.' },
  ],
  filters: [],
});

export const contentCategories = defineApiTable({
  name: 'ContentCategories',
  aliases: ['AdContentCategories'],
  description: 'Content categories (for curated categories targeting) and the IAB categories each covers.',
  endpoint: '/content_categories',
  paging: { defaultPageSize: 1000, maxPageSize: 1000, unpaged: true },
  columns: [
    { name: 'Id', type: 'String', key: true, description: 'Content category id.' },
    { name: 'Name', type: 'String', description: 'Category name.' },
    { name: 'IabCategories', type: 'String', description: 'Comma-separated IAB category ids it covers.' },
  ],
  filters: [],
});
