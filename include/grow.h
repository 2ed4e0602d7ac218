/*
 * grow.h - room in an array that grows: doubling, within a limit.
 *
 * Parsers of outside data (rules files, profiles, a workbook's parts)
 * grow their tables as the data comes; each such table has a limit, so
 * that a hostile file ends in a message, not in swapping.
 */
#ifndef CIVPOL_GROW_H
#define CIVPOL_GROW_H

#include <stddef.h>

/*
 * Makes the array at *(T **)items, of *cap elements of size bytes, hold
 * at least need elements: from first elements, doubling, never past most
 * (nor past what size_t can count in bytes).  Returns 0, with *cap the
 * new room; or -1 when need is over most or memory ran out, the array
 * and *cap as they were.
 */
int grow_array(void *items, size_t *cap, size_t need, size_t size, size_t first,
    size_t most);

#endif
