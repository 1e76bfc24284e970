/**
 * The benchmark's generated schema (bench/generate.mjs) as an Alembic project: SQLAlchemy Core
 * tables with the same 10 columns, unique constraint, 2 indexes and foreign key each, under
 * the names schemigrate gives them, 100 tables per module, and an `env.py` that reads the
 * database URL from `ALEMBIC_DATABASE_URL`, logs what autogenerate detects (as the logging
 * section of a default `alembic.ini` does) and raises Python's recursion limit. Alembic comes
 * from the system's Python (Debian: `apt-get install python3-alembic python3-psycopg2`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { revisionId, tableName } from '../generate.mjs';

const TABLES_PER_MODULE = 100;

/**
 * The first Python that can import Alembic and SQLAlchemy (the Debian packages install into
 * /usr/bin/python3, which a pyenv shim may hide), or undefined.
 *
 * @example
 * const python = findAlembicPython(); // '/usr/bin/python3'
 */
export function findAlembicPython() {
  return ['python3', '/usr/bin/python3'].find((python) => spawnSync(python, ['-c', 'import alembic, sqlalchemy'], { stdio: 'ignore' }).status === 0);
}

/** SQLAlchemy's URL for a schemigrate URL: `postgresql+psycopg2://…`, `sqlite:////abs/path`. */
export function alembicUrl(url) {
  return url.startsWith('sqlite:') ? `sqlite:///${url.slice('sqlite:'.length)}` : url.replace(/^postgres(ql)?:/, 'postgresql+psycopg2:');
}

function tableSource(i, dialect) {
  const name = tableName(i);
  const parent = i === 0 ? name : tableName(i - 1);
  // SQLAlchemy 1.4 has no portable UUID type; SQLite stores it as text either way.
  const uuid = dialect === 'postgres' ? 'UUID()' : 'String(36)';
  return `Table('${name}', metadata,
    Column('id', Integer, Identity(), primary_key=True),
    Column('parent_id', Integer, ForeignKey('${parent}.id', ondelete='CASCADE', name='fk_${name}_parent_id_${parent}')),
    Column('code', String(64), nullable=False),
    Column('description', Text),
    Column('amount', Numeric(12, 2)),
    Column('quantity', Integer, nullable=False, server_default=text('0')),
    Column('is_active', Boolean, nullable=False, server_default=true()),
    Column('created_at', DateTime(timezone=True), nullable=False, server_default=text('CURRENT_TIMESTAMP')),
    Column('payload', JSON),
    Column('external_id', ${uuid}),
    UniqueConstraint('code', name='uq_${name}_code'),
    Index('ix_${name}_parent_id', 'parent_id'),
    Index('ix_${name}_created_at_is_active', 'created_at', 'is_active'),
)
`;
}

const ENV_PY = `import logging
import os
import sys

from alembic import context
from sqlalchemy import create_engine

# Reflecting 1,000 tables chained by foreign keys recurses deeper than Python's default limit
# (RecursionError in autogenerate's comparison otherwise).
sys.setrecursionlimit(20000)
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from models import metadata  # noqa: E402

logging.basicConfig(level=logging.WARNING, format='%(levelname)-5.5s [%(name)s] %(message)s')
logging.getLogger('alembic').setLevel(logging.INFO)

engine = create_engine(os.environ['ALEMBIC_DATABASE_URL'])
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=metadata)
    with context.begin_transaction():
        context.run_migrations()
`;

const SCRIPT_MAKO = `"""\${message}

Revision ID: \${up_revision}
Revises: \${down_revision | comma,n}
Create Date: \${create_date}
"""
from alembic import op
import sqlalchemy as sa
\${imports if imports else ""}

revision = \${repr(up_revision)}
down_revision = \${repr(down_revision)}
branch_labels = \${repr(branch_labels)}
depends_on = \${repr(depends_on)}


def upgrade():
    \${upgrades if upgrades else "pass"}


def downgrade():
    \${downgrades if downgrades else "pass"}
`;

/**
 * Write an Alembic project for `tables` tables on `dialect` into `dir` (`alembic.ini`,
 * `migrations/` with `env.py` and an empty `versions/`, the models in `models/`).
 *
 * @example
 * writeAlembicProject('/tmp/a', { tables: 100, dialect: 'postgres' });
 */
export function writeAlembicProject(dir, { tables, dialect }) {
  mkdirSync(join(dir, 'migrations', 'versions'), { recursive: true });
  mkdirSync(join(dir, 'models'), { recursive: true });
  writeFileSync(join(dir, 'alembic.ini'), '[alembic]\nscript_location = migrations\n');
  writeFileSync(join(dir, 'migrations', 'env.py'), ENV_PY);
  writeFileSync(join(dir, 'migrations', 'script.py.mako'), SCRIPT_MAKO);
  const header = `from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Identity, Index, Integer, JSON, Numeric, String, Table, Text, UniqueConstraint, text, true\n${dialect === 'postgres' ? 'from sqlalchemy.dialects.postgresql import UUID\n' : ''}from models.base import metadata\n\n`;
  const modules = [];
  for (let start = 0; start < tables; start += TABLES_PER_MODULE) {
    const moduleName = `tables_${String(start / TABLES_PER_MODULE).padStart(3, '0')}`;
    modules.push(moduleName);
    const body = [];
    for (let i = start; i < Math.min(start + TABLES_PER_MODULE, tables); i++) body.push(tableSource(i, dialect));
    writeFileSync(join(dir, 'models', `${moduleName}.py`), header + body.join('\n'));
  }
  writeFileSync(join(dir, 'models', 'base.py'), 'from sqlalchemy import MetaData\n\nmetadata = MetaData()\n');
  writeFileSync(join(dir, 'models', '__init__.py'), `from models.base import metadata  # noqa: F401\n${modules.map((m) => `from models import ${m}  # noqa: F401\n`).join('')}`);
}

/**
 * Write an Alembic project with no models and a linear history of `count` revisions in
 * `migrations/versions`, each the small step of bench/generate.mjs's `writeHistory` (a
 * 3-column table and an index).
 *
 * @example
 * writeAlembicHistory('/tmp/h', { count: 100, dialect: 'postgres' });
 */
export function writeAlembicHistory(dir, { count, dialect }) {
  writeAlembicProject(dir, { tables: 0, dialect });
  for (let i = 0; i < count; i++) {
    const id = revisionId(i);
    const table = `history_${String(i).padStart(5, '0')}`;
    writeFileSync(
      join(dir, 'migrations', 'versions', `${id}_step_${i}.py`),
      `"""step ${i}

Revision ID: ${id}
Revises: ${i === 0 ? '' : revisionId(i - 1)}
"""
from alembic import op
import sqlalchemy as sa

revision = '${id}'
down_revision = ${i === 0 ? 'None' : `'${revisionId(i - 1)}'`}
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        '${table}',
        sa.Column('id', sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column('label', sa.String(100), nullable=False),
        sa.Column('created_at', sa.DateTime()),
    )
    op.create_index('ix_${table}_label', '${table}', ['label'])


def downgrade():
    op.drop_table('${table}')
`,
    );
  }
}
