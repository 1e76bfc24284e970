/**
 * MySQL/MariaDB's lint rules on hand-written revisions: changes InnoDB cannot make INSTANT or
 * INPLACE with LOCK=NONE report `mysql/table-copy`, drops and renames their rules, and the
 * online forms nothing.
 */
import { lintLast, ruleIds, type TestRevision } from './revisions.js';

const base: TestRevision = {
  statements: [
    'CREATE TABLE `users` (`id` int NOT NULL PRIMARY KEY, `email` varchar(20), `bio` varchar(100), `age` int)',
    'CREATE TABLE `Order Items` (`id` int NOT NULL, `user_id` int, `qty` int, PRIMARY KEY (`id`))',
  ],
};

const risky: readonly (readonly [string, TestRevision, readonly string[]])[] = [
  ['int → bigint', { statements: ['ALTER TABLE `users` MODIFY COLUMN `age` bigint'] }, ['mysql/table-copy']],
  ['a varchar widened past 255 bytes', { statements: ['ALTER TABLE `users` MODIFY COLUMN `email` varchar(80)'] }, ['mysql/table-copy']],
  [
    'a foreign key with foreign_key_checks on',
    { statements: ['ALTER TABLE `Order Items` ADD CONSTRAINT `fk_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`)'] },
    ['mysql/table-copy'],
  ],
  ['a check constraint', { statements: ['ALTER TABLE `users` ADD CONSTRAINT `ck_age` CHECK (`age` > 0)'] }, ['mysql/table-copy']],
  ['a stored generated column', { statements: ['ALTER TABLE `Order Items` ADD COLUMN `double_qty` int AS (`qty` * 2) STORED'] }, ['mysql/table-copy']],
  ['an AUTO_INCREMENT column', { statements: ['ALTER TABLE `Order Items` ADD COLUMN `seq` int AUTO_INCREMENT UNIQUE'] }, ['mysql/table-copy']],
  ['the primary key dropped alone', { statements: ['ALTER TABLE `Order Items` DROP PRIMARY KEY'] }, ['mysql/table-copy']],
  ['a character set conversion', { statements: ['ALTER TABLE `users` CONVERT TO CHARACTER SET latin1'] }, ['mysql/table-copy']],
  ['an explicit ALGORITHM=COPY', { statements: ['ALTER TABLE `users` ADD COLUMN `note` text, ALGORITHM=COPY'] }, ['mysql/table-copy']],
  ['a FULLTEXT index', { statements: ['CREATE FULLTEXT INDEX `ft_bio` ON `users` (`bio`)'] }, ['mysql/table-copy']],
  ['a dropped column', { statements: ['ALTER TABLE `users` DROP COLUMN `bio`'] }, ['drop-column']],
  ['a dropped table', { statements: ['DROP TABLE `Order Items`'] }, ['drop-table']],
  ['a renamed column', { statements: ['ALTER TABLE `users` RENAME COLUMN `bio` TO `about`'] }, ['rename-column']],
  ['a column renamed by CHANGE', { statements: ['ALTER TABLE `users` CHANGE `bio` `about` varchar(100)'] }, ['rename-column']],
  ['a renamed table', { statements: ['RENAME TABLE `users` TO `people`'] }, ['rename-table']],
];

describe('mysql lint rules', () => {
  test.each(risky)('%s', async (_name, revision, expected) => {
    expect(ruleIds(await lintLast('mysql', [base, revision]))).toEqual(expected);
  });

  test('the online forms report nothing', async () => {
    const clean: TestRevision = {
      statements: [
        'ALTER TABLE `users` ADD COLUMN `note` text',
        "ALTER TABLE `users` ADD COLUMN `stored` varchar(10) DEFAULT 'auto_increment'",
        'CREATE INDEX `ix_email` ON `users` (`email`)',
        'ALTER TABLE `users` ADD INDEX `ix_age` (`age`), ALGORITHM=INPLACE, LOCK=NONE',
        'ALTER TABLE `users` MODIFY COLUMN `email` varchar(40)',
        'ALTER TABLE `users` MODIFY COLUMN `bio` varchar(200) NOT NULL',
        'ALTER TABLE `users` MODIFY COLUMN `age` int NOT NULL DEFAULT 0',
        'ALTER TABLE `users` MODIFY COLUMN `age` bigint, ALGORITHM=INSTANT',
        'SET foreign_key_checks = 0',
        'ALTER TABLE `Order Items` ADD CONSTRAINT `fk_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`)',
        'SET foreign_key_checks = 1',
        'ALTER TABLE `Order Items` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`, `user_id`)',
        'DROP INDEX `ix_email` ON `users`',
        'CREATE TABLE `tags` (`id` int NOT NULL PRIMARY KEY, `label` varchar(10))',
        'ALTER TABLE `tags` MODIFY COLUMN `label` bigint',
        'ALTER TABLE `tags` ADD CONSTRAINT `ck_label` CHECK (`label` > 0)',
        'DROP TABLE `tags`',
      ],
    };
    expect(await lintLast('mysql', [base, clean])).toEqual([]);
  });
});
