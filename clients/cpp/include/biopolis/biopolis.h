// The whole Biopolis C++ SDK in one include: the Client and every service
// client. Convenient; a file that calls one or two services compiles faster
// with just their headers.
#pragma once

#include "biopolis/api_keys.h"
#include "biopolis/applications.h"
#include "biopolis/audit.h"
#include "biopolis/audit_verification.h"
#include "biopolis/backups.h"
#include "biopolis/client.h"
#include "biopolis/documents.h"
#include "biopolis/events.h"
#include "biopolis/extract_verification.h"
#include "biopolis/extracts.h"
#include "biopolis/land.h"
#include "biopolis/organizations.h"
#include "biopolis/policies.h"
#include "biopolis/reporting.h"
#include "biopolis/residents.h"
#include "biopolis/service_desk.h"
#include "biopolis/support.h"
#include "biopolis/time_parsing.h"
